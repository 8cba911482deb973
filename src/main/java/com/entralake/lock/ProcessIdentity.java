package com.entralake.lock;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process a run is, as another run can check it: the host, the PID namespace of this kernel boot (two
 * containers on one host may share a host name, never a PID namespace; two machines may share both a host
 * name and the initial PID namespace's number, never a boot id), the pid and the process's start time (a
 * pid is reused, a pid with its start time is not).
 */
public record ProcessIdentity(String host, String pidNamespace, long pid, Instant started) {

    public static ProcessIdentity current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessIdentity(currentHostName(), currentPidNamespace(), self.pid(), self.info().startInstant().orElse(null));
    }

    /**
     * Whether {@code other} is certainly dead: it ran in this host's PID namespace (so its pid means something
     * here) and no live process has its pid and start time. Unknown is alive.
     */
    public boolean seesEnded(ProcessIdentity other) {
        if (!host.equals(other.host) || pidNamespace == null || !pidNamespace.equals(other.pidNamespace)) {
            return false;
        }
        if (other.pid == pid && other.started != null && other.started.equals(started)) {
            return false; // that is us
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(other.pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = handle.get().info().startInstant();
        return other.started != null && started.isPresent() && !started.get().equals(other.started);
    }

    /** One line that {@link #parse} reads back: for a file that must say which process wrote it. */
    public String toLine() {
        return String.join("\t", host, pidNamespace == null ? "" : pidNamespace, Long.toString(pid),
                started == null ? "" : started.toString());
    }

    /** The identity {@link #toLine} wrote, or empty for any other text. */
    public static Optional<ProcessIdentity> parse(String line) {
        String[] parts = line.replaceAll("[\r\n]+$", "").split("\t", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessIdentity(parts[0], parts[1].isEmpty() ? null : parts[1], Long.parseLong(parts[2]),
                    parts[3].isEmpty() ? null : Instant.parse(parts[3])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public String describe() {
        return "pid " + pid + " on " + host;
    }

    private static String currentHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown host" : env;
        }
    }

    /**
     * Linux: "pid:[4026531836]@" and the kernel's boot id — the namespace number alone is the same for the
     * initial namespace of every machine; null elsewhere (then no pid is trusted across processes).
     */
    private static String currentPidNamespace() {
        try {
            String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
            return boot.isEmpty() ? null : namespace + "@" + boot;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
