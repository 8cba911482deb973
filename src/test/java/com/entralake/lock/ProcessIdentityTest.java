package com.entralake.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProcessIdentityTest {

    private final ProcessIdentity self = ProcessIdentity.current();

    @Test
    void aLiveProcessIsNotSeenEnded() {
        assertThat(self.seesEnded(self)).isFalse();
        ProcessIdentity parent = new ProcessIdentity(self.host(), self.pidNamespace(),
                ProcessHandle.current().parent().orElseThrow().pid(),
                ProcessHandle.current().parent().orElseThrow().info().startInstant().orElse(null));
        assertThat(self.seesEnded(parent)).isFalse();
    }

    @Test
    void aPidThatIsFreeOrReusedOnThisHostIsAnEndedProcess() {
        org.junit.jupiter.api.Assumptions.assumeTrue(self.pidNamespace() != null, "needs /proc (Linux)");
        assertThat(self.seesEnded(new ProcessIdentity(self.host(), self.pidNamespace(), Long.MAX_VALUE - 1, null))).isTrue();
        ProcessIdentity reused = new ProcessIdentity(self.host(), self.pidNamespace(), self.pid(), Instant.EPOCH);
        assertThat(self.seesEnded(reused)).as("same pid, another start: another process").isTrue();
    }

    @Test
    void aPidFromAnotherHostOrPidNamespaceSaysNothing() {
        ProcessIdentity elsewhere = new ProcessIdentity("another-host", self.pidNamespace(), Long.MAX_VALUE - 1, null);
        assertThat(self.seesEnded(elsewhere)).isFalse();
        ProcessIdentity otherContainer = new ProcessIdentity(self.host(), "pid:[42]", Long.MAX_VALUE - 1, null);
        assertThat(self.seesEnded(otherContainer)).as("a container sharing the host name").isFalse();
    }

    /** Two machines named alike both run in the initial PID namespace, whose number is the same everywhere. */
    @Test
    void aMachineWithTheSameHostNameAndNamespaceNumberIsAnotherMachine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(self.pidNamespace() != null, "needs /proc (Linux)");
        String namespaceNumber = self.pidNamespace().substring(0, self.pidNamespace().indexOf('@'));
        assertThat(self.pidNamespace()).as("the boot id is part of it").matches("pid:\\[\\d+]@[0-9a-f-]{36}");
        ProcessIdentity twin = new ProcessIdentity(self.host(), namespaceNumber + "@00000000-0000-0000-0000-000000000000",
                Long.MAX_VALUE - 1, null);
        assertThat(self.seesEnded(twin)).isFalse();
    }

    @Test
    void anIdentityWrittenAsALineReadsBackWholeAndAnythingElseReadsAsNone() {
        assertThat(ProcessIdentity.parse(self.toLine())).contains(self);
        ProcessIdentity unknowns = new ProcessIdentity("host", null, 42, null);
        assertThat(ProcessIdentity.parse(unknowns.toLine())).contains(unknowns);
        assertThat(ProcessIdentity.parse("x")).isEmpty();
        assertThat(ProcessIdentity.parse("host\tns\tnot-a-pid\t")).isEmpty();
        assertThat(ProcessIdentity.parse("host\tns\t1\tyesterday")).isEmpty();
    }
}
