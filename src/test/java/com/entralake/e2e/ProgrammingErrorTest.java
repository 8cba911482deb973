package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.entralake.testing.BuggyFileSystem;
import com.entralake.testing.CollectFixture.Captured;

/**
 * A bug is reported as a bug: an {@link IllegalStateException} (or any exception that is not one of the
 * operational failures Entra Lake knows) thrown while a data type is collected makes the run exit 5 with the
 * data type CRASHED — not 1 with it FAILED, which tells the operator that the next run will sort it out.
 */
@Tag("fault-injection")
class ProgrammingErrorTest extends EmulatedCollectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // inside the job: the window writer, while the step runs
            "window-writer, \\..*\\.parquet\\.inprogress.*",
            // outside the job: the manifest, written by the collector once the range completed
            "manifest, .*_manifest.*"})
    void anIllegalStateExceptionFromAWriterIsAnUnexpectedFailure(String where, String failNames) throws Exception {
        Case c = newCase("bug-" + where, 30, 1, Map.of(
                "entralake.lake-root", "buggy://" + dir.resolve("lake-bug-" + where).toAbsolutePath(),
                "entralake.hadoop.fs.buggy.impl", BuggyFileSystem.class.getName(),
                "entralake.hadoop.fs.buggy.fail-names", failNames));

        Captured run = fixture.collectCapturing(c.config(), NOW, "--data-type=signins");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(5);
        assertThat(run.stdout()).as(run.all()).containsPattern("(?m)^\\s+signins\\s+crashed")
                .contains("exit status 5 (unexpected failure)")
                .containsPattern("(?m)^\\s+unexpected failure: .*a bug: the writer of");
        assertThat(run.all()).as("the stack trace is for the developer who fixes it").contains("IllegalStateException")
                .doesNotContain("the next run resumes it");
    }
}
