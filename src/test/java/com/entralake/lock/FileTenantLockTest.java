package com.entralake.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTenantLockTest {

    private static final String TENANT = "8f0b5a4e-3c1d-4c5e-9a7b-2d6f1e0c9b8a";

    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedUntilTheFirstReleases() {
        try (FileTenantLock first = FileTenantLock.acquire(dir, TENANT, "contoso")) {
            assertThatThrownBy(() -> FileTenantLock.acquire(dir, TENANT, "contoso"))
                    .isInstanceOf(TenantLockedException.class)
                    .hasMessageContaining("Another Entra Lake run is collecting tenant contoso");
            FileTenantLock.acquire(dir, "11111111-1111-1111-1111-111111111111", "other").close();
        }
        FileTenantLock.acquire(dir, TENANT, "contoso").close();
    }

    @Test
    void aHeldLockIsHeldUntilClosedAndSaysWhoHoldsIt() throws Exception {
        try (FileTenantLock lock = FileTenantLock.acquire(dir, TENANT, "contoso")) {
            assertThatCode(lock::ensureHeld).doesNotThrowAnyException();
            assertThatCode(lock::ensureHeld).as("asking twice changes nothing").doesNotThrowAnyException();
            assertThat(lock.lost()).isEmpty();
            assertThat(Files.readString(lockFile())).startsWith("locked by pid " + ProcessHandle.current().pid());
        }
    }

    /** A clean-up job deletes the lock file: the next run would lock a new one, so this run no longer holds the tenant. */
    @Test
    void aDeletedLockFileIsALostLockAndStaysLostWhenTheNameComesBack() throws Exception {
        try (FileTenantLock lock = FileTenantLock.acquire(dir, TENANT, "contoso")) {
            Files.delete(lockFile());
            assertThatThrownBy(lock::ensureHeld).isInstanceOf(TenantLockLostException.class)
                    .hasMessageContaining("the tenant lock of contoso (" + TENANT + ") was lost")
                    .hasMessageContaining("was deleted while this run held it");
            FileTenantLock.acquire(dir, TENANT, "contoso").close(); // another run could take the tenant now
            assertThatThrownBy(lock::ensureHeld).as("once lost, never held again").isInstanceOf(TenantLockLostException.class);
        }
    }

    @Test
    void aReplacedLockFileIsALostLock() throws Exception {
        try (FileTenantLock lock = FileTenantLock.acquire(dir, TENANT, "contoso")) {
            Path other = Files.writeString(dir.resolve("other"), "x");
            Files.move(other, lockFile(), StandardCopyOption.REPLACE_EXISTING);
            assertThat(lock.lost()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("was replaced while this run held it"));
            try (FileTenantLock second = FileTenantLock.acquire(dir, TENANT, "contoso")) {
                assertThatCode(second::ensureHeld).as("the new file's holder holds it").doesNotThrowAnyException();
            }
        }
    }

    private Path lockFile() {
        return dir.resolve(TENANT + ".lock");
    }
}
