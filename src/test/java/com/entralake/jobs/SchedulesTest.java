package com.entralake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The ready-made schedules in {@code jobs/} (cron, systemd, Kubernetes): each check returns the problems
 * it finds, the real files must have none, and a broken copy of each file shows that the check can fail.
 */
class SchedulesTest {

    private static final Path JOBS = Path.of("jobs");
    private static final Path CRON = JOBS.resolve("cron/entra-lake.cron");
    private static final Path SERVICE = JOBS.resolve("systemd/entra-lake.service");
    private static final Path TIMER = JOBS.resolve("systemd/entra-lake.timer");
    private static final Path CRONJOB = JOBS.resolve("kubernetes/entra-lake-cronjob.yaml");
    private static final Path EXAMPLE = JOBS.resolve("example-production.yml");

    /** {@code collect --config /absolute/path}, the one command every schedule runs. */
    private static final Pattern COLLECT = Pattern.compile("\\bcollect\\s+--config\\s+(\\S+)");
    private static final String PRODUCTION_CONFIG = "/etc/entra-lake/production.yml";

    // ---------------------------------------------------------------- the real files

    @Test
    void theKubernetesCronJobIsComplete() throws IOException {
        assertThat(kubernetesProblems(read(CRONJOB))).isEmpty();
    }

    @Test
    void theSystemdServiceIsComplete() throws IOException {
        assertThat(serviceProblems(read(SERVICE))).isEmpty();
    }

    @Test
    void theSystemdTimerIsComplete() throws IOException {
        assertThat(timerProblems(read(TIMER))).isEmpty();
    }

    @Test
    void theCrontabIsComplete() throws IOException {
        assertThat(cronProblems(read(CRON))).isEmpty();
    }

    @Test
    void everyScheduleRunsTheSameCollectCommand() throws IOException {
        String k8s = String.join(" ", container(cronJob(documents(read(CRONJOB)))).args());
        assertThat(List.of(configPath(cronCommand(read(CRON))), configPath(unitValue(read(SERVICE), "ExecStart")),
                configPath(k8s))).containsOnly(PRODUCTION_CONFIG);
    }

    @Test
    void theConfigMapIsTheExampleProductionConfiguration() throws IOException {
        // the mapping documented in docs/scheduling.md: Kubernetes mounts the secret where the example expects it
        Map<String, Object> configMap = configMapConfiguration(documents(read(CRONJOB)));
        Map<String, Object> example = map(new Yaml().load(read(EXAMPLE)));
        assertThat(configMap).isEqualTo(example);
    }

    // ---------------------------------------------------------------- the checks can fail

    @Test
    void kubernetesChecksCatchBrokenManifests() throws IOException {
        String yaml = read(CRONJOB);
        assertThat(kubernetesProblems(replace(yaml, "concurrencyPolicy: Forbid", "concurrencyPolicy: Allow")))
                .anyMatch(p -> p.contains("concurrencyPolicy"));
        assertThat(kubernetesProblems(replace(yaml, "args: [\"collect\", \"--config\", \"/etc/entra-lake/production.yml\"]",
                "args: [\"collect\"]"))).anyMatch(p -> p.contains("collect --config"));
        assertThat(kubernetesProblems(replace(yaml, "            - name: tmp\n              emptyDir:",
                "            - name: scratch\n              emptyDir:"))).anyMatch(p -> p.contains("volume 'tmp'"));
        assertThat(kubernetesProblems(replace(yaml, "contoso-client-secret: REPLACE_ME-client-secret-value",
                "contoso-client-secret: s3cr3t~value"))).anyMatch(p -> p.contains("inline secret value"));
        assertThat(kubernetesProblems(replace(yaml, "                  valueFrom:\n                    secretKeyRef:\n"
                + "                      name: entra-lake-db\n                      key: password\n",
                "                  value: hunter2\n"))).anyMatch(p -> p.contains("ENTRALAKE_DB_PASSWORD"));
        assertThat(kubernetesProblems(replace(yaml, "mountPath: /var/run/secrets/entra-lake",
                "mountPath: /var/run/secrets/other"))).anyMatch(p -> p.contains("client-secret-file"));
        assertThat(kubernetesProblems(replace(yaml, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")))
                .anyMatch(p -> p.contains("readOnlyRootFilesystem"));
        assertThat(kubernetesProblems(replace(yaml, "value: \"-Xmx256m\"", "value: \"-Xmx2g\"")))
                .anyMatch(p -> p.contains("heap"));
    }

    @Test
    void systemdChecksCatchBrokenUnits() throws IOException {
        String service = read(SERVICE);
        assertThat(serviceProblems(replace(service, "Type=oneshot", "Type=simple"))).anyMatch(p -> p.contains("Type must be oneshot"));
        assertThat(serviceProblems(replace(service, "TimeoutStartSec=12h", "TimeoutStartSec=12h\nSuccessExitStatus=1 4")))
                .anyMatch(p -> p.contains("SuccessExitStatus"));
        assertThat(serviceProblems(replace(service, "ProtectSystem=strict", "ProtectSystem=full")))
                .anyMatch(p -> p.contains("ProtectSystem"));
        assertThat(serviceProblems(replace(service, "collect --config /etc/entra-lake/production.yml", "collect")))
                .anyMatch(p -> p.contains("collect --config"));
        String timer = read(TIMER);
        assertThat(timerProblems(replace(timer, "Persistent=true", "Persistent=false"))).anyMatch(p -> p.contains("Persistent"));
        assertThat(timerProblems(replace(timer, "OnCalendar=*-*-* 02:15:00 UTC", "OnCalendar=daily")))
                .anyMatch(p -> p.contains("UTC"));
    }

    @Test
    void cronChecksCatchBrokenCrontabs() throws IOException {
        String cron = read(CRON);
        assertThat(cronProblems(replace(cron, "CRON_TZ=UTC\n", ""))).anyMatch(p -> p.contains("CRON_TZ"));
        assertThat(cronProblems(replace(cron, "--config /etc/entra-lake/production.yml", "--config")))
                .anyMatch(p -> p.contains("collect --config"));
        assertThat(cronProblems(replace(cron, ">>/var/log/entra-lake/collect.log 2>&1", "")))
                .anyMatch(p -> p.contains("log file"));
        assertThat(cronProblems(replace(cron, "echo info", "date +%s"))).anyMatch(p -> p.contains("%"));
    }

    // ---------------------------------------------------------------- Kubernetes

    record Container(Map<String, Object> spec, List<String> args) {
    }

    static List<String> kubernetesProblems(String yamlText) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> docs = documents(yamlText);
        Map<String, Object> cronJob = cronJob(docs);
        if (cronJob == null) {
            return List.of("no batch/v1 CronJob");
        }
        expect(problems, "apiVersion", cronJob.get("apiVersion"), "batch/v1");
        Map<String, Object> spec = map(cronJob.get("spec"));
        expect(problems, "concurrencyPolicy", spec.get("concurrencyPolicy"), "Forbid");
        expect(problems, "timeZone", spec.get("timeZone"), "Etc/UTC");
        if (!(spec.get("schedule") instanceof String s) || s.trim().split("\\s+").length != 5
                || s.trim().split("\\s+")[2].equals("*") && s.trim().split("\\s+")[1].equals("*")) {
            problems.add("schedule must be a nightly five-field cron expression: " + spec.get("schedule"));
        }
        if (!(spec.get("startingDeadlineSeconds") instanceof Integer)) {
            problems.add("startingDeadlineSeconds is missing");
        }
        Map<String, Object> jobSpec = map(map(spec.get("jobTemplate")).get("spec"));
        if (!(jobSpec.get("backoffLimit") instanceof Integer b) || b > 2) {
            problems.add("backoffLimit must be 0 or small (the next run resumes): " + jobSpec.get("backoffLimit"));
        }
        Map<String, Object> pod = map(map(jobSpec.get("template")).get("spec"));
        expect(problems, "restartPolicy", pod.get("restartPolicy"), "Never");
        if (!Boolean.TRUE.equals(map(pod.get("securityContext")).get("runAsNonRoot"))) {
            problems.add("pod securityContext.runAsNonRoot must be true");
        }

        Container container = container(cronJob);
        String commandLine = String.join(" ", container.args());
        String configFile = configPath(commandLine);
        if (configFile == null) {
            problems.add("the container must run collect --config FILE: " + commandLine);
        }
        Map<String, Object> c = container.spec();
        if (!Boolean.TRUE.equals(map(c.get("securityContext")).get("readOnlyRootFilesystem"))) {
            problems.add("container securityContext.readOnlyRootFilesystem must be true");
        }

        // volumes and mounts
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Object v : list(pod.get("volumes"))) {
            volumes.put((String) map(v).get("name"), map(v));
        }
        Map<String, String> mountPaths = new LinkedHashMap<>(); // mount path -> volume name
        for (Object m : list(c.get("volumeMounts"))) {
            String name = (String) map(m).get("name");
            mountPaths.put((String) map(m).get("mountPath"), name);
            if (!volumes.containsKey(name)) {
                problems.add("volumeMount refers to volume '" + name + "', which the pod does not define");
            }
        }
        String tmpVolume = mountPaths.get("/tmp");
        if (tmpVolume == null || !volumes.containsKey(tmpVolume) || !volumes.get(tmpVolume).containsKey("emptyDir")) {
            problems.add("/tmp must be an emptyDir (the root file system is read-only)");
        }

        // the configuration comes from the ConfigMap, mounted as the file --config names
        if (configFile != null) {
            String volume = mountPaths.get(parent(configFile));
            Map<String, Object> configMapVolume = volume == null ? Map.of() : map(volumes.get(volume));
            Map<String, Object> configMap = named(docs, "ConfigMap", (String) map(configMapVolume.get("configMap")).get("name"));
            if (configMap == null || !map(configMap.get("data")).containsKey(fileName(configFile))) {
                problems.add("--config " + configFile + " is not a key of a ConfigMap mounted at " + parent(configFile));
            }
        }

        // every tenant's client secret is a file from a mounted Secret
        Map<String, Object> configuration = configMapConfiguration(docs);
        for (Object t : list(map(configuration.get("entralake")).get("tenants"))) {
            Object secretFile = map(t).get("client-secret-file");
            if (!(secretFile instanceof String file)) {
                problems.add("tenant " + map(t).get("name") + " must read its client secret from a file (client-secret-file)");
                continue;
            }
            String volume = mountPaths.get(parent(file));
            Map<String, Object> secretVolume = volume == null ? Map.of() : map(map(volumes.get(volume)).get("secret"));
            Map<String, Object> secret = named(docs, "Secret", (String) secretVolume.get("secretName"));
            if (secret == null || !secretKeys(secret).contains(fileName(file))) {
                problems.add("client-secret-file " + file + " is not a key of a Secret mounted at " + parent(file));
            }
        }
        Object password = map(map(configuration.get("spring")).get("datasource")).get("password");
        if (!"${ENTRALAKE_DB_PASSWORD}".equals(password)) {
            problems.add("the configuration must take the database password from ${ENTRALAKE_DB_PASSWORD}: " + password);
        }

        // the database password is an environment variable from a Secret, never a literal
        Map<String, Object> env = envVar(c, "ENTRALAKE_DB_PASSWORD");
        Map<String, Object> ref = map(map(env.get("valueFrom")).get("secretKeyRef"));
        if (env.containsKey("value") || ref.isEmpty()) {
            problems.add("ENTRALAKE_DB_PASSWORD must come from a Secret (valueFrom.secretKeyRef)");
        } else {
            Map<String, Object> secret = named(docs, "Secret", (String) ref.get("name"));
            if (secret == null || !secretKeys(secret).contains(ref.get("key"))) {
                problems.add("ENTRALAKE_DB_PASSWORD refers to " + ref + ", which is not in this file");
            }
        }

        // no secret value inline: every value in a Secret document is a marked placeholder
        for (Map<String, Object> doc : docs) {
            if ("Secret".equals(doc.get("kind"))) {
                if (doc.containsKey("data")) {
                    problems.add("Secret " + name(doc) + ": use stringData with REPLACE_ME placeholders, not base64 data");
                }
                map(doc.get("stringData")).forEach((key, value) -> {
                    if (!String.valueOf(value).startsWith("REPLACE_ME")) {
                        problems.add("Secret " + name(doc) + " holds an inline secret value for " + key + " (placeholders start with REPLACE_ME)");
                    }
                });
            }
        }
        for (Object e : list(c.get("env"))) {
            if (String.valueOf(map(e).get("name")).matches("(?i).*(PASSWORD|SECRET|TOKEN).*") && map(e).containsKey("value")) {
                problems.add("inline secret value in env " + map(e).get("name"));
            }
        }

        // memory: the heap fits in the limit with room for the rest of the JVM (docs/benchmark.md)
        Matcher xmx = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(String.valueOf(envVar(c, "JAVA_TOOL_OPTIONS").get("value")));
        Object limit = map(map(c.get("resources")).get("limits")).get("memory");
        if (!xmx.find() || limit == null) {
            problems.add("JAVA_TOOL_OPTIONS must set -Xmx and resources.limits.memory must be set");
        } else {
            long heapMiB = Long.parseLong(xmx.group(1)) * (xmx.group(2).equalsIgnoreCase("g") ? 1024 : 1);
            long limitMiB = mebibytes(String.valueOf(limit));
            if (heapMiB * 3 / 2 > limitMiB) {
                problems.add("heap -Xmx" + heapMiB + "m leaves too little of the " + limit + " memory limit for the JVM");
            }
        }
        return problems;
    }

    static Map<String, Object> configMapConfiguration(List<Map<String, Object>> docs) {
        for (Map<String, Object> doc : docs) {
            if ("ConfigMap".equals(doc.get("kind"))) {
                for (Object value : map(doc.get("data")).values()) {
                    return map(new Yaml().load(String.valueOf(value)));
                }
            }
        }
        return Map.of();
    }

    static Container container(Map<String, Object> cronJob) {
        Map<String, Object> pod = map(map(map(map(map(cronJob.get("spec")).get("jobTemplate")).get("spec")).get("template")).get("spec"));
        List<Object> containers = list(pod.get("containers"));
        Map<String, Object> c = containers.isEmpty() ? Map.of() : map(containers.get(0));
        List<String> commandLine = new ArrayList<>();
        list(c.get("command")).forEach(a -> commandLine.add(String.valueOf(a)));
        list(c.get("args")).forEach(a -> commandLine.add(String.valueOf(a)));
        return new Container(c, commandLine);
    }

    static Map<String, Object> cronJob(List<Map<String, Object>> docs) {
        return docs.stream().filter(d -> "CronJob".equals(d.get("kind"))).findFirst().orElse(null);
    }

    static List<Map<String, Object>> documents(String yamlText) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(yamlText)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    private static Map<String, Object> named(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && Objects.equals(name(d), name)).findFirst().orElse(null);
    }

    private static String name(Map<String, Object> doc) {
        return (String) map(doc.get("metadata")).get("name");
    }

    private static List<Object> secretKeys(Map<String, Object> secret) {
        List<Object> keys = new ArrayList<>(map(secret.get("stringData")).keySet());
        keys.addAll(map(secret.get("data")).keySet());
        return keys;
    }

    private static Map<String, Object> envVar(Map<String, Object> container, String name) {
        return list(container.get("env")).stream().map(SchedulesTest::map)
                .filter(e -> name.equals(e.get("name"))).findFirst().orElse(Map.of());
    }

    private static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        if (!m.matches()) {
            throw new IllegalArgumentException("memory limit in Mi or Gi expected: " + quantity);
        }
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    // ---------------------------------------------------------------- systemd

    static List<String> serviceProblems(String unit) {
        List<String> problems = new ArrayList<>();
        expect(problems, "Type", unitValue(unit, "Type"), "oneshot");
        if (configPath(unitValue(unit, "ExecStart")) == null) {
            problems.add("ExecStart must run collect --config FILE: " + unitValue(unit, "ExecStart"));
        }
        String user = unitValue(unit, "User");
        if (user == null || user.equals("root") || user.equals("0")) {
            problems.add("User= must name a dedicated user: " + user);
        }
        if (unitValue(unit, "WorkingDirectory") == null) {
            problems.add("WorkingDirectory= is missing (relative paths in the configuration resolve there)");
        }
        // only 0 is success: a partial run (1) must fail the unit so that it alerts
        for (String line : unitLines(unit, "SuccessExitStatus")) {
            if (List.of(line.split("\\s+")).contains("1")) {
                problems.add("SuccessExitStatus= must not include 1 (a partial run must alert): " + line);
            }
        }
        String credential = unitValue(unit, "LoadCredential");
        if (credential == null || !credential.matches("[\\w.-]+:/\\S+")) {
            problems.add("LoadCredential=NAME:/path for the client secret is missing: " + credential);
        }
        expect(problems, "NoNewPrivileges", unitValue(unit, "NoNewPrivileges"), "yes");
        expect(problems, "PrivateTmp", unitValue(unit, "PrivateTmp"), "yes");
        expect(problems, "ProtectSystem", unitValue(unit, "ProtectSystem"), "strict");
        if (unitValue(unit, "ReadWritePaths") == null) {
            problems.add("ReadWritePaths= (the lake) is missing under ProtectSystem=strict");
        }
        if (unitValue(unit, "Restart") != null && !"no".equals(unitValue(unit, "Restart"))) {
            problems.add("no Restart=: the next timer run resumes a failed one");
        }
        return problems;
    }

    static List<String> timerProblems(String unit) {
        List<String> problems = new ArrayList<>();
        String calendar = unitValue(unit, "OnCalendar");
        if (calendar == null || !calendar.endsWith(" UTC")) {
            problems.add("OnCalendar= must name a nightly time in UTC: " + calendar);
        }
        expect(problems, "Persistent", unitValue(unit, "Persistent"), "true");
        if (unitValue(unit, "RandomizedDelaySec") == null) {
            problems.add("RandomizedDelaySec= is missing");
        }
        expect(problems, "WantedBy", unitValue(unit, "WantedBy"), "timers.target");
        return problems;
    }

    private static List<String> unitLines(String unit, String key) {
        List<String> values = new ArrayList<>();
        for (String line : unit.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("#") && !l.startsWith(";") && l.startsWith(key + "=")) {
                values.add(l.substring(key.length() + 1).strip());
            }
        }
        return values;
    }

    /** The last assignment wins, as in systemd for single-valued settings. */
    static String unitValue(String unit, String key) {
        List<String> values = unitLines(unit, key);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    // ---------------------------------------------------------------- cron

    static List<String> cronProblems(String crontab) {
        List<String> problems = new ArrayList<>();
        if (!crontab.lines().map(String::strip).anyMatch("CRON_TZ=UTC"::equals)) {
            problems.add("CRON_TZ=UTC is missing");
        }
        String command = cronCommand(crontab);
        if (command == null) {
            return List.of("no crontab entry running entra-lake");
        }
        if (configPath(command) == null) {
            problems.add("the crontab entry must run collect --config FILE: " + command);
        }
        if (command.contains("%")) {
            problems.add("'%' in a crontab command is a newline to cron: " + command);
        }
        if (!Pattern.compile(">>\\s*/\\S+\\.log").matcher(command).find()) {
            problems.add("the crontab entry must append its output to a log file");
        }
        if (command.contains("flock")) {
            problems.add("no flock: Entra Lake holds its own per-tenant lock");
        }
        return problems;
    }

    /** The command of the (single) system-crontab entry: after five time fields and the user. */
    static String cronCommand(String crontab) {
        for (String line : crontab.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.matches("[A-Z_]+=.*")) {
                continue;
            }
            String[] fields = l.split("\\s+", 7);
            if (fields.length == 7 && fields[0].matches("\\d+") && fields[1].matches("\\d+")) {
                return fields[6];
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    /** The absolute configuration path of {@code collect --config PATH}, or null. */
    static String configPath(String commandLine) {
        if (commandLine == null) {
            return null;
        }
        Matcher m = COLLECT.matcher(commandLine);
        return m.find() && m.group(1).startsWith("/") ? m.group(1) : null;
    }

    private static void expect(List<String> problems, String what, Object actual, Object expected) {
        if (!expected.equals(actual)) {
            problems.add(what + " must be " + expected + ", is " + actual);
        }
    }

    private static String parent(String path) {
        return path.substring(0, Math.max(path.lastIndexOf('/'), 0));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static String replace(String text, String from, String to) {
        assertThat(text).as("the file still contains the text the negative test changes").contains(from);
        return text.replace(from, to);
    }
}
