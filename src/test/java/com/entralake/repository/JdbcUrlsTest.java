package com.entralake.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void passwordsAreRemovedWhereverAUrlCarriesThem() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db.example:5432/entralake?user=el&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.example:5432/entralake?user=el&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://el:hunter2@db.example:5432/entralake"))
                .isEqualTo("jdbc:postgresql://el:***@db.example:5432/entralake");
        assertThat(JdbcUrls.redact("jdbc:h2:file:./data/x;USER=sa;PASSWORD=hunter2;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:./data/x;USER=sa;PASSWORD=***;AUTO_SERVER=TRUE");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/x?sslpassword=hunter2")).doesNotContain("hunter2");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db.example:5432/entralake"))
                .isEqualTo("jdbc:postgresql://db.example:5432/entralake");
    }

    /** A password with @, / or ? in it must not leave its tail behind. */
    @Test
    void aPasswordWithSeparatorsInItIsRemovedWhole() {
        for (String password : new String[] {"p@ss", "a/b@c", "x:y", "@@", "tail/part"}) {
            String redacted = JdbcUrls.redact("jdbc:postgresql://el:" + password + "@db.example:5432/entralake?ssl=true");
            assertThat(redacted).as(password).isEqualTo("jdbc:postgresql://el:***@db.example:5432/entralake?ssl=true");
        }
        assertThat(JdbcUrls.redact("jdbc:postgresql://db.example/entralake?user=a@b")).doesNotContain("***");
    }

    @Test
    void theUserAndTheH2FileAreReadFromTheUrl() {
        assertThat(JdbcUrls.user("jdbc:postgresql://db/x?user=el&password=p")).hasValue("el");
        assertThat(JdbcUrls.user("jdbc:postgresql://el:p@db/x")).hasValue("el");
        assertThat(JdbcUrls.user("jdbc:postgresql://db/x")).isEmpty();
        assertThat(JdbcUrls.h2File("jdbc:h2:file:./data/entralake;AUTO_SERVER=TRUE")).hasValue("./data/entralake.mv.db");
        assertThat(JdbcUrls.h2File("jdbc:h2:mem:x")).isEmpty();
    }
}
