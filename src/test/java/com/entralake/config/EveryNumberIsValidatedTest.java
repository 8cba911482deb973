package com.entralake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Every duration and number of {@link EntraLakeProperties} (and of a tenant), found by reflection, is
 * refused by the validator when negative, and when zero unless zero is listed here as meaningful. A
 * property added tomorrow without a check fails this test instead of failing a run at 2 a.m.
 */
class EveryNumberIsValidatedTest {

    /** Zero means something for these: no lag, no lookback, no backoff, re-probe every run, never warn. */
    private static final Set<String> ZERO_IS_MEANINGFUL = Set.of("entralake.collection.lag",
            "entralake.collection.lookback", "entralake.http.retry-base", "entralake.connectivity.recheck-after",
            "entralake.secret-expiry.warn-within");

    record Setting(String key, Object owner, Field field) {
    }

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

    /** The numeric and duration settings reachable from {@code owner}, with their keys. */
    private static List<Setting> numbers(Object owner, String path) throws IllegalAccessException {
        List<Setting> settings = new ArrayList<>();
        for (Field field : owner.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            String key = path + "." + KnownSettings.kebab(field.getName());
            Class<?> type = field.getType();
            if (type == Duration.class || type == int.class || type == long.class || type == Integer.class
                    || type == Long.class) {
                settings.add(new Setting(key, owner, field));
            } else if (KnownSettings.isNested(type)) {
                settings.addAll(numbers(field.get(owner), key));
            } else if (List.class.isAssignableFrom(type)) {
                List<?> list = (List<?>) field.get(owner);
                for (int i = 0; i < list.size(); i++) {
                    settings.addAll(numbers(list.get(i), key + "[" + i + "]"));
                }
            }
        }
        return settings;
    }

    private static Object value(Class<?> type, long amount) {
        if (type == Duration.class) {
            return Duration.ofSeconds(amount);
        }
        return type == int.class || type == Integer.class ? (Object) (int) amount : (Object) amount;
    }

    @Test
    void theWalkFindsTheSettingsItShould() throws IllegalAccessException {
        assertThat(numbers(valid(), "entralake")).extracting(Setting::key)
                .contains("entralake.collection.window", "entralake.http.read-timeout", "entralake.http.retry-cap",
                        "entralake.collection.tenant-parallelism", "entralake.connectivity.recheck-after")
                .hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void aNegativeValueOfAnyNumberOrDurationIsAProblemNamingItsKey() throws IllegalAccessException {
        int count = numbers(valid(), "entralake").size();
        for (int i = 0; i < count; i++) {
            EntraLakeProperties properties = valid();
            Setting setting = numbers(properties, "entralake").get(i);
            setting.field().set(setting.owner(), value(setting.field().getType(), -1));
            assertProblemNames(properties, setting.key(), "-1");
        }
    }

    @Test
    void zeroIsAProblemWhereZeroMakesNoSense() throws IllegalAccessException {
        int count = numbers(valid(), "entralake").size();
        for (int i = 0; i < count; i++) {
            EntraLakeProperties properties = valid();
            Setting setting = numbers(properties, "entralake").get(i);
            setting.field().set(setting.owner(), value(setting.field().getType(), 0));
            if (ZERO_IS_MEANINGFUL.contains(setting.key())) {
                ConfigurationValidator.validate(properties);
            } else {
                assertProblemNames(properties, setting.key(), "0");
            }
        }
    }

    @Test
    void theRetryCapIsAtLeastTheRetryBase() {
        EntraLakeProperties properties = valid();
        properties.getHttp().setRetryBase(Duration.ofSeconds(10));
        properties.getHttp().setRetryCap(Duration.ofSeconds(5));
        assertProblemNames(properties, "entralake.http.retry-cap", "cap");
    }

    private static void assertProblemNames(EntraLakeProperties properties, String key, String value) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> ConfigurationValidator.validate(properties));
        assertThat(e).as("%s = %s must be refused", key, value).isNotNull();
        assertThat(e.getMessage()).as("%s = %s", key, value).contains(key);
    }
}
