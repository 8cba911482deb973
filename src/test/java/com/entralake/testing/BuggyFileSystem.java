package com.entralake.testing;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code buggy:}, where creating a file whose name matches
 * {@code fs.buggy.fail-names} (a regular expression) throws an {@link IllegalStateException}: what a bug in a
 * writer looks like to the collector, as opposed to the {@link IOException} of a storage that fails. Register
 * it with {@code entralake.hadoop.fs.buggy.impl}.
 */
public class BuggyFileSystem extends RawLocalFileSystem {

    private static final URI NAME = URI.create("buggy:///");
    private Pattern failNames = Pattern.compile("(?!)");

    @Override
    public void initialize(URI uri, Configuration conf) throws IOException {
        super.initialize(uri, conf);
        failNames = Pattern.compile(conf.get("fs.buggy.fail-names", "(?!)"));
    }

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return "buggy";
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        failIfNamed(f);
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        failIfNamed(f);
        return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }

    private void failIfNamed(Path f) {
        if (failNames.matcher(f.getName()).matches()) {
            throw new IllegalStateException("a bug: the writer of " + f.getName() + " is in a state it never reaches");
        }
    }
}
