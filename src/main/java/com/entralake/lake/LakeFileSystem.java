package com.entralake.lake;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * The lake root as a Hadoop {@link FileSystem}, plus the one operation the commit protocol needs
 * from it: {@link #replace(Path, Path) replace a file by an atomic rename}.
 *
 * <p>Local paths use Hadoop's raw local file system: the checksummed default would write a
 * {@code .crc} side file next to every Parquet file, which readers would then have to ignore.
 */
public final class LakeFileSystem implements Closeable {

    /** Connector artifacts for the object-store schemes, named in the error when they are missing. */
    private static final Map<String, String> CONNECTORS = Map.of(
            "s3a", "org.apache.hadoop:hadoop-aws",
            "abfs", "org.apache.hadoop:hadoop-azure",
            "abfss", "org.apache.hadoop:hadoop-azure",
            "wasb", "org.apache.hadoop:hadoop-azure",
            "wasbs", "org.apache.hadoop:hadoop-azure",
            "gs", "com.google.cloud.bigdataoss:gcs-connector",
            "hdfs", "org.apache.hadoop:hadoop-client-runtime (HDFS client)");

    /**
     * Told before each rename or delete a commit makes, so a test can stop the process at every step of a swap (as
     * kill -9 would) and check what a reader and the next run find.
     */
    interface Mutations {
        Mutations NONE = (operation, path) -> { };

        void before(String operation, Path path);
    }

    private final Configuration conf;
    private final FileSystem fs;
    private final Path root;
    private volatile Mutations mutations = Mutations.NONE;

    private LakeFileSystem(Configuration conf, FileSystem fs, Path root) {
        this.conf = conf;
        this.fs = fs;
        this.root = root;
    }

    /** Opens a lake root given as a plain local path, a {@code file:} URI or a Hadoop URI. */
    public static LakeFileSystem open(String lakeRoot) throws IOException {
        return open(lakeRoot, new Configuration());
    }

    /** As {@link #open(String)}, starting from {@code base} (e.g. object-store credentials); {@code base} is not modified. */
    public static LakeFileSystem open(String lakeRoot, Configuration base) throws IOException {
        Configuration conf = new Configuration(base);
        ParquetSettings.applyDefaults(conf);
        if (lakeRoot == null || lakeRoot.isBlank()) {
            throw new IllegalArgumentException("lake root is empty: give a local path or a file://, hdfs://, s3a:// or abfs:// URI");
        }
        URI uri = toUri(lakeRoot.strip());
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        // Our own instance, not the JVM-wide cached one: close() must not close someone else's FileSystem,
        // and the local override below must not leak into other users of the cache.
        conf.setBoolean("fs." + scheme + ".impl.disable.cache", true);
        if (scheme.equals("file")) {
            conf.setClass("fs.file.impl", RawLocalFileSystem.class, FileSystem.class);
        }
        FileSystem fs;
        try {
            fs = FileSystem.get(uri, conf);
        } catch (UnsupportedFileSystemException e) {
            throw missingConnector(scheme, lakeRoot, e);
        } catch (RuntimeException e) {
            // core-default.xml maps s3a/abfs to their classes, so a missing jar surfaces as ClassNotFoundException
            if (e.getCause() instanceof ClassNotFoundException) {
                throw missingConnector(scheme, lakeRoot, e);
            }
            throw e;
        }
        return new LakeFileSystem(conf, fs, fs.makeQualified(new Path(uri)));
    }

    private static IOException missingConnector(String scheme, String lakeRoot, Exception cause) {
        String connector = CONNECTORS.getOrDefault(scheme, "the Hadoop connector for '" + scheme + "'");
        return new IOException("No FileSystem for scheme " + scheme + ": add " + connector
                + " (and its dependencies) to the classpath; see docs/lake.md (object stores). Lake root: " + lakeRoot, cause);
    }

    private static URI toUri(String lakeRoot) {
        // A plain path has no scheme (or, on Windows, a drive letter that looks like one).
        if (!lakeRoot.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return new File(lakeRoot).getAbsoluteFile().toURI();
        }
        URI uri = URI.create(lakeRoot);
        if (uri.getScheme().equalsIgnoreCase("file")) {
            // file:relative/path has no hierarchical path, only a scheme-specific part
            String path = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
            return new File(path).getAbsoluteFile().toURI();
        }
        return uri;
    }

    public Configuration conf() {
        return conf;
    }

    /** Best-effort delete of a temporary file or folder: what is left is removed by CleanUp at the next run. */
    public void deleteQuietly(Path path, boolean recursive) {
        try {
            fs().delete(path, recursive);
        } catch (IOException ignored) {
            // left for CleanUp at the start of the next run
        }
    }

    public FileSystem fs() {
        return fs;
    }

    public Path root() {
        return root;
    }

    boolean isLocal() {
        return fs instanceof RawLocalFileSystem;
    }

    /**
     * Moves {@code tmp} over {@code target} so that a reader sees either the old or the new file, never
     * neither and never a partial one. Both must be in the same directory.
     *
     * <ul>
     *   <li>Local: {@code rename(2)} through {@link Files#move} with {@code ATOMIC_MOVE}, which replaces an
     *       existing target atomically. Not {@code RawLocalFileSystem.rename}: that is {@code File.renameTo}
     *       too, but when it fails it silently falls back to a non-atomic copy.</li>
     *   <li>HDFS: {@link FileContext#rename} with {@link Options.Rename#OVERWRITE} (HDFS {@code rename2}, atomic).</li>
     *   <li>Elsewhere (object stores have no atomic rename over an existing key): delete, then rename. A crash
     *       in between leaves no file for that window; the window is not committed in the job repository
     *       yet, so the next run rewrites it.</li>
     * </ul>
     */
    public void replace(Path tmp, Path target) throws IOException {
        mutations.before("replace", target);
        if (fs instanceof RawLocalFileSystem local) {
            File from = local.pathToFile(tmp);
            File to = local.pathToFile(target);
            try {
                Files.move(from.toPath(), to.toPath(), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot atomically replace " + target + " (temporary file on another volume?)", e);
            }
            return;
        }
        if ("hdfs".equalsIgnoreCase(fs.getUri().getScheme())) {
            FileContext.getFileContext(fs.getUri(), conf).rename(tmp, target, Options.Rename.OVERWRITE);
            return;
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("rename " + tmp + " -> " + target + " failed");
        }
    }

    /** Renames a directory (or file) to a name that must not exist yet; fails loudly instead of returning false. */
    void rename(Path from, Path to) throws IOException {
        mutations.before("rename", from);
        if (fs instanceof RawLocalFileSystem local) {
            // rename(2) or an exception; never RawLocalFileSystem's silent copy fallback
            Files.move(local.pathToFile(from).toPath(), local.pathToFile(to).toPath(), StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        if (fs.exists(to)) {
            throw new IOException("rename " + from + " -> " + to + " failed: target exists");
        }
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    /** Deletes a file or folder a commit no longer needs (false when it was not there). */
    boolean delete(Path path, boolean recursive) throws IOException {
        mutations.before("delete", path);
        return fs.delete(path, recursive);
    }

    void observeMutations(Mutations observer) {
        this.mutations = observer;
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }
}
