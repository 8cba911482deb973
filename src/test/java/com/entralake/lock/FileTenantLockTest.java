package com.entralake.lock;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTenantLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedUntilTheFirstReleases() {
        String tenant = "8f0b5a4e-3c1d-4c5e-9a7b-2d6f1e0c9b8a";
        try (FileTenantLock first = FileTenantLock.acquire(dir, tenant, "contoso")) {
            assertThatThrownBy(() -> FileTenantLock.acquire(dir, tenant, "contoso"))
                    .isInstanceOf(TenantLockedException.class)
                    .hasMessageContaining("Another Entra Lake run is collecting tenant contoso");
            FileTenantLock.acquire(dir, "11111111-1111-1111-1111-111111111111", "other").close();
        }
        FileTenantLock.acquire(dir, tenant, "contoso").close();
    }
}
