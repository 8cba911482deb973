package com.entralake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ConfigurationValidatorTest {

    private static EntraLakeProperties valid() {
        EntraLakeProperties p = new EntraLakeProperties();
        EntraLakeProperties.Tenant t = new EntraLakeProperties.Tenant();
        t.setName("contoso");
        t.setTenantId("8f0b5a4e-3c1d-4c5e-9a7b-2d6f1e0c9b8a");
        t.setClientId("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
        t.setClientSecretEnv("CONTOSO_SECRET");
        p.getTenants().add(t);
        return p;
    }

    @Test
    void aCompleteConfigurationPasses() {
        ConfigurationValidator.validate(valid());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        EntraLakeProperties p = valid();
        EntraLakeProperties.Tenant t = p.getTenants().get(0);
        t.setTenantId("contoso.onmicrosoft.com");
        t.setClientSecretFile(Path.of("/run/secret"));
        t.getDataTypes().put("signins", "sometimes");
        t.getDataTypes().put("mailboxes", "yes");
        p.getCollection().setWindow(Duration.ofMinutes(7));
        assertThatThrownBy(() -> ConfigurationValidator.validate(p))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("entralake.tenants[0].tenant-id (tenant 'contoso') must be the Directory (tenant) ID")
                .hasMessageContaining("exactly one of client-secret-env")
                .hasMessageContaining("'sometimes' is not one of yes, no, managed")
                .hasMessageContaining("unknown data type 'mailboxes'")
                .hasMessageContaining("window must divide one day");
    }

    @Test
    void plainHttpEndpointsAreRefused() {
        EntraLakeProperties p = valid();
        p.getTenants().get(0).setGraphBaseUrl("http://graph.microsoft.com");
        assertThatThrownBy(() -> ConfigurationValidator.validate(p)).hasMessageContaining("must be an https:// URL");
    }

    @Test
    void noTenantIsAnErrorOutsideTheDemo() {
        EntraLakeProperties p = new EntraLakeProperties();
        assertThatThrownBy(() -> ConfigurationValidator.validate(p)).hasMessageContaining("no tenant is configured");
        p.setDemo(true);
        ConfigurationValidator.validate(p);
        assertThat(p.isDemo()).isTrue();
    }
}
