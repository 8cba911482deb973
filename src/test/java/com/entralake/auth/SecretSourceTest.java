package com.entralake.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSourceTest {

    @TempDir
    Path dir;

    @Test
    void fileSecretDropsExactlyOneTrailingNewline() throws Exception {
        Files.writeString(dir.resolve("lf"), "s3cr3t~value\n");
        Files.writeString(dir.resolve("crlf"), "s3cr3t~value\r\n");
        Files.writeString(dir.resolve("two"), "s3cr3t~value\n\n");
        Files.writeString(dir.resolve("none"), " s3cr3t~value ");

        assertThat(new FileSecret(dir.resolve("lf")).read()).containsExactly("s3cr3t~value".toCharArray());
        assertThat(new FileSecret(dir.resolve("crlf")).read()).containsExactly("s3cr3t~value".toCharArray());
        assertThat(new FileSecret(dir.resolve("two")).read()).containsExactly("s3cr3t~value\n".toCharArray());
        assertThat(new FileSecret(dir.resolve("none")).read()).containsExactly(" s3cr3t~value ".toCharArray());
    }

    @Test
    void fileSecretSaysWhichFileIsMissingOrEmpty() throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> new FileSecret(missing).read())
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("secret file " + missing + " is not readable (NoSuchFileException)");
        Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> new FileSecret(dir.resolve("empty")).read())
                .hasMessageContaining("is empty");
        assertThat(new FileSecret(missing).describe()).isEqualTo("secret file " + missing);
    }

    @Test
    void environmentSecretSaysWhichVariableIsNotSet() {
        EnvironmentSecret unset = new EnvironmentSecret("ENTRALAKE_X_SECRET", Map.<String, String>of()::get);
        assertThatThrownBy(unset::read).isInstanceOf(SecretUnavailableException.class)
                .hasMessage("environment variable ENTRALAKE_X_SECRET is not set");

        EnvironmentSecret set = new EnvironmentSecret("ENTRALAKE_X_SECRET", Map.of("ENTRALAKE_X_SECRET", "abc~123")::get);
        assertThat(set.read()).containsExactly("abc~123".toCharArray());
        assertThat(set.describe()).isEqualTo("environment variable ENTRALAKE_X_SECRET");
        assertThat(set.toString()).doesNotContain("abc~123");
    }

    @Test
    void cloudEndpointsDeriveScopeAndAuthority() {
        assertThat(CloudEndpoints.GLOBAL.scope()).isEqualTo("https://graph.microsoft.com/.default");
        assertThat(CloudEndpoints.US_GOV_L5_DOD.scope()).isEqualTo("https://dod-graph.microsoft.us/.default");
        assertThat(CloudEndpoints.CHINA.scope()).isEqualTo("https://microsoftgraph.chinacloudapi.cn/.default");
        assertThat(CloudEndpoints.GLOBAL.authority("t-1")).isEqualTo("https://login.microsoftonline.com/t-1/");
        assertThat(CloudEndpoints.US_GOV_L4.isMicrosoftLoginHost()).isTrue();
        CloudEndpoints emulator = CloudEndpoints.of("https://localhost:8443/", "https://localhost:8443");
        assertThat(emulator.isMicrosoftLoginHost()).isFalse();
        assertThat(emulator.authority("t-1")).isEqualTo("https://localhost:8443/t-1/");
        assertThatThrownBy(() -> CloudEndpoints.of("http://login.microsoftonline.com", "https://graph.microsoft.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
