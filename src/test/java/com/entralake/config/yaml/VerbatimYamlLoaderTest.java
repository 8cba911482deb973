package com.entralake.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

import com.entralake.config.ConfigurationException;

class VerbatimYamlLoaderTest {

    private static Resource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "production.yml";
            }
        };
    }

    private static Map<String, Object> load(String text) {
        List<Map<String, Object>> documents = new VerbatimYamlLoader(yaml(text)).load();
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }

    private static Object value(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof OriginTrackedValue tracked ? tracked.getValue() : value;
    }

    @Test
    void plainScalarsStayTheTextThatWasWritten() {
        Map<String, Object> map = load("""
                words:
                  users: no
                  directory_audits: yes
                  a: on
                  b: off
                  c: Y
                  d: true
                  octal: 0123
                  sexagesimal: 1:30
                  float: 1.50
                  date: 2026-11-27
                  hex: 0x1F
                """);
        assertThat(value(map, "words.users")).isEqualTo("no");
        assertThat(value(map, "words.directory_audits")).isEqualTo("yes");
        assertThat(value(map, "words.a")).isEqualTo("on");
        assertThat(value(map, "words.b")).isEqualTo("off");
        assertThat(value(map, "words.c")).isEqualTo("Y");
        assertThat(value(map, "words.d")).isEqualTo("true");
        assertThat(value(map, "words.octal")).isEqualTo("0123");
        assertThat(value(map, "words.sexagesimal")).isEqualTo("1:30");
        assertThat(value(map, "words.float")).isEqualTo("1.50");
        assertThat(value(map, "words.date")).isEqualTo("2026-11-27");
        assertThat(value(map, "words.hex")).isEqualTo("0x1F");
    }

    @Test
    void nullsEmptyValuesQuotesListsAndMergesBehaveAsInSpringBoot() {
        Map<String, Object> map = load("""
                base: &base
                  x: "quoted: yes"
                empty:
                tilde: ~
                blank: ""
                list: [a, no]
                none: []
                merged:
                  <<: *base
                  y: 2
                """);
        assertThat(value(map, "empty")).isEqualTo("");
        assertThat(value(map, "tilde")).isEqualTo("");
        assertThat(value(map, "blank")).isEqualTo("");
        assertThat(value(map, "list[1]")).isEqualTo("no");
        assertThat(value(map, "none")).isEqualTo("");
        assertThat(value(map, "merged.x")).isEqualTo("quoted: yes");
        assertThat(value(map, "merged.y")).isEqualTo("2");
    }

    @Test
    void everyValueKnowsItsLineAndColumn() {
        Map<String, Object> map = load("""
                entralake:
                  lake-root: /data/lake
                  tenants:
                    - name: contoso
                """);
        TextResourceOrigin origin = (TextResourceOrigin) ((OriginTrackedValue) map.get("entralake.tenants[0].name")).getOrigin();
        assertThat(origin.getLocation().getLine()).isEqualTo(3);
        assertThat(origin.getLocation().getColumn()).isEqualTo(12);
        assertThat(origin.getResource().getFilename()).isEqualTo("production.yml");
    }

    @Test
    void aDuplicateKeyIsRefusedWithItsLine() {
        assertThatThrownBy(() -> load("""
                entralake:
                  lake-root: /data/lake
                  lake-root: /data/other
                """)).isInstanceOf(ConfigurationException.class)
                .hasMessage("production.yml line 3, column 3: the key 'lake-root' appears twice in the same section:"
                        + " keep one (while constructing a mapping that starts at line 2)");
    }

    @Test
    void aTabUsedForIndentationNamesItsLine() {
        assertThatThrownBy(() -> load("entralake:\n  tenants:\n\t- name: contoso\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("production.yml line 3, column 1: a tab character")
                .hasMessageContaining("indent with spaces");
    }

    @Test
    void malformedYamlNamesItsLineInOneLine() {
        assertThatThrownBy(() -> load("entralake:\n  lake-root: /data/lake\n  tenants: [a, b\n  http:\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("production.yml line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception"));
        assertThatThrownBy(() -> load("entralake:\n  lake-root: \"/data/lake\n"))
                .hasMessageStartingWith("production.yml line ");
    }
}
