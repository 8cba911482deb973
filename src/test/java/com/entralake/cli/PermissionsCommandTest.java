package com.entralake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.entralake.EntraLakeApplication;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PermissionsCommandTest {

    private static final String GRAPH = "00000003-0000-0000-c000-000000000000";

    /** Copied by hand from graph-reference.md, "Application permission ids": independent of the main code. */
    private static final Map<String, String> EXPECTED_IDS = Map.ofEntries(
            Map.entry("AuditLog.Read.All", "b0afded3-3588-46d8-8b3d-9842eff778da"),
            Map.entry("Directory.Read.All", "7ab1d382-f21e-4acd-a863-ba3e13f7da61"),
            Map.entry("User.Read.All", "df021288-bdef-4463-88db-98f22de89214"),
            Map.entry("Group.Read.All", "5b567255-7703-4780-807c-7be8301ae99b"),
            Map.entry("Application.Read.All", "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30"),
            Map.entry("Policy.Read.All", "246dd0d5-5bd0-4def-940b-0421030a5b68"),
            Map.entry("IdentityRiskyUser.Read.All", "dc5007c0-2d7d-4c42-879c-2dab87571379"),
            Map.entry("IdentityRiskyServicePrincipal.Read.All", "607c7344-0eed-41e5-823a-9695ebe1b7b0"),
            Map.entry("IdentityRiskEvent.Read.All", "6e472fd1-ad78-48da-a0f0-97ab2c6b769e"),
            Map.entry("DeviceManagementManagedDevices.Read.All", "2f51be20-0bb4-4fed-bf7b-db946066c75e"),
            Map.entry("DeviceManagementApps.Read.All", "7a6ee1e7-141e-4cec-ae74-d9db155731ff"),
            Map.entry("DeviceManagementConfiguration.Read.All", "dc377aa6-52d8-4e23-b271-2a7ae04cedf3"),
            // not in graph-reference.md: Microsoft's permissions-ids.md, as GraphPermissions says
            Map.entry("Organization.Read.All", "498476ce-e0fe-48b0-b801-37ba7e2685c6"),
            Map.entry("Device.Read.All", "7438b122-aefc-4978-80ed-43db9fcc7715"),
            Map.entry("Domain.Read.All", "dbb9058a-0e50-45d7-ae91-66909b5d4664"),
            Map.entry("RoleManagement.Read.Directory", "483bed4a-2ad3-4361-a73b-c83ccdbdc53c"),
            // Microsoft's permissions reference page (docs commit b419dfe, 2026-05-18)
            Map.entry("AgentInstance.Read.All", "799a4732-85b8-4c67-b048-75f0e88a232b"),
            Map.entry("AgentCardManifest.Read.All", "3ee18438-e6e5-4858-8f1c-d7b723b45213"),
            Map.entry("AgentIdentity.Read.All", "b2b8f011-2898-4234-9092-5059f6c1ebfa"),
            Map.entry("AgentIdentityBlueprint.Read.All", "7547a7d1-36fa-4479-9c31-559a600eaa4f"),
            Map.entry("AgentIdentityBlueprintPrincipal.Read.All", "9361dea9-4524-493d-941d-f1b65aaf6c7c"),
            Map.entry("IdentityRiskyAgent.Read.All", "4aadfb66-d49a-414a-a883-d8c240b6fa33"),
            Map.entry("User.ReadBasic.All", "97235f07-e226-4f63-ace3-39588e11d3a1"));

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] withCommand = new String[args.length + 1];
            withCommand[0] = "permissions";
            System.arraycopy(args, 0, withCommand, 1, args.length);
            exitCode = EntraLakeApplication.run(withCommand);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The app role ids of the manifest JSON, after checking its shape. */
    private static List<String> manifestIds(String json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode resources = root.get("requiredResourceAccess");
        assertThat(resources.isArray()).isTrue();
        assertThat(resources).hasSize(1);
        assertThat(resources.get(0).get("resourceAppId").asText()).isEqualTo(GRAPH);
        List<String> ids = new ArrayList<>();
        for (JsonNode access : resources.get(0).get("resourceAccess")) {
            assertThat(access.get("type").asText()).isEqualTo("Role");
            ids.add(access.get("id").asText());
        }
        return ids;
    }

    /** The lines of a text-format section, from the line after its "== " header to the next one. */
    private static String section(String text, String headerStart) {
        List<String> lines = text.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(headerStart)) {
                start = i + 1;
                break;
            }
        }
        assertThat(start).as("section %s in:%n%s", headerStart, text).isPositive();
        StringBuilder section = new StringBuilder();
        for (int i = start; i < lines.size() && !lines.get(i).startsWith("== "); i++) {
            section.append(lines.get(i)).append('\n');
        }
        return section.toString();
    }

    private static String[] ids(String... permissions) {
        return java.util.Arrays.stream(permissions).map(EXPECTED_IDS::get).toArray(String[]::new);
    }

    @Test
    void signInsNeedAuditLogAndDirectoryReadAll() throws Exception {
        Run run = run("--data-type", "signins", "--format", "manifest", "--data-types-only");

        assertThat(run.exitCode()).isZero();
        assertThat(manifestIds(run.out())).containsExactlyInAnyOrder(
                "b0afded3-3588-46d8-8b3d-9842eff778da", "7ab1d382-f21e-4acd-a863-ba3e13f7da61");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void usersNeedOnlyUserReadAll() throws Exception {
        Run run = run("--data-type", "users", "--format", "manifest", "--data-types-only");

        assertThat(run.exitCode()).isZero();
        assertThat(manifestIds(run.out())).containsExactly("df021288-bdef-4463-88db-98f22de89214");
    }

    @Test
    void applicationReadAllIsRecommendedUnlessOnlyDataTypesAreAskedFor() throws Exception {
        Run run = run("--data-type", "users", "--format", "manifest");

        assertThat(run.exitCode()).isZero();
        assertThat(manifestIds(run.out())).containsExactly(ids("User.Read.All", "Application.Read.All"));
    }

    @Test
    void defaultIsAllDataTypesInAllThreeSections() throws Exception {
        Run run = run();

        assertThat(run.exitCode()).isZero();
        String text = run.out();
        String[] all = ids("AuditLog.Read.All", "Directory.Read.All", "User.Read.All", "Group.Read.All",
                "Application.Read.All", "Device.Read.All", "Organization.Read.All", "Policy.Read.All",
                "IdentityRiskyUser.Read.All", "Domain.Read.All", "RoleManagement.Read.Directory",
                "IdentityRiskyServicePrincipal.Read.All", "DeviceManagementManagedDevices.Read.All",
                "DeviceManagementApps.Read.All", "DeviceManagementConfiguration.Read.All", "AgentInstance.Read.All",
                "AgentCardManifest.Read.All", "AgentIdentity.Read.All", "AgentIdentityBlueprint.Read.All",
                "AgentIdentityBlueprintPrincipal.Read.All", "IdentityRiskyAgent.Read.All", "User.ReadBasic.All",
                "IdentityRiskEvent.Read.All");

        // 1. permission list: every permission of every data type, with the data types and licence
        String list = section(text, "== Permissions");
        assertThat(list).contains("signins, directory_audits, provisioning_logs");
        for (DataType type : DataTypeCatalog.all()) {
            assertThat(list).contains(type.dataset());
            type.leastPrivilegedPermissions().forEach(p -> assertThat(list).contains(p));
        }
        assertThat(text).contains("Microsoft Entra ID P1 or P2");

        // 2. manifest: valid JSON with exactly the table's ids, each once
        List<String> manifest = manifestIds(section(text, "== requiredResourceAccess"));
        assertThat(manifest).containsExactlyInAnyOrder(all);
        assertThat(text).doesNotContain("unknown ids");

        // 3. Azure CLI
        String cli = section(text, "== Azure CLI");
        assertThat(cli).contains("az ad app permission add --id <APP_ID> --api " + GRAPH + " --api-permissions ");
        for (String id : all) {
            assertThat(cli).contains(id + "=Role");
        }
        assertThat(cli).contains("az ad app permission admin-consent --id <APP_ID>");

        assertThat(text).doesNotContain("Write");
    }

    @Test
    void textSectionsFollowTheSelection() throws Exception {
        Run run = run("--data-type", "users", "--data-type", "groups");

        assertThat(run.exitCode()).isZero();
        assertThat(manifestIds(section(run.out(), "== requiredResourceAccess")))
                .containsExactlyInAnyOrder(ids("User.Read.All", "Group.Read.All", "Application.Read.All"));
        assertThat(run.out()).doesNotContain("AuditLog.Read.All").doesNotContain(EXPECTED_IDS.get("AuditLog.Read.All"));
    }

    @Test
    void azureCliFormatPrintsOnlyTheCommandsWithEveryIdAsRole() {
        Run run = run("--data-type", "signins", "--data-type", "directory_audits", "--format", "azure-cli");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("az ad app permission add --id <APP_ID> --api " + GRAPH + " --api-permissions ")
                .contains("b0afded3-3588-46d8-8b3d-9842eff778da=Role", "7ab1d382-f21e-4acd-a863-ba3e13f7da61=Role");
        // AuditLog.Read.All is needed by both data types but granted once
        assertThat(lines.get(0).split("b0afded3-3588-46d8-8b3d-9842eff778da", -1)).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("az ad app permission admin-consent --id <APP_ID>");
    }

    @Test
    void noPermissionOfAnyDataTypeIsAWritePermission() {
        for (DataType type : DataTypeCatalog.all()) {
            for (String permission : type.leastPrivilegedPermissions()) {
                assertThat(permission).doesNotContain("Write").matches("[A-Za-z]+\\.Read(Basic)?(\\.[A-Za-z]+)?");
            }
        }
    }

    @Test
    void unknownDataTypeIsAConfigurationError() {
        Run run = run("--data-type", "mailboxes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown data type 'mailboxes'");
        assertThat(run.out()).isEmpty();
    }

    /** A data type whose permission has no id in the table (ids of agent permissions were not found). */
    private static final DataType AGENTS = DataType.builder("agents").get(com.entralake.catalog.ApiVersion.BETA, "/agents")
            .resource("agent").mode(new com.entralake.catalog.CollectionMode.Listing()).pageSize(100)
            .needs("AgentCollection.Read.All").needs("User.Read.All")
            .throttle(com.entralake.catalog.ThrottleClass.DIRECTORY).build();

    private static String print(PermissionsCommand.Grant grant, PermissionsCommand.Format format, ByteArrayOutputStream err) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PermissionsCommand.print(grant, format, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPermissionWithoutAKnownIdIsListedAsUnknownAndLeftOutOfTheJsonAndTheCommands() throws Exception {
        PermissionsCommand.Grant grant = PermissionsCommand.Grant.of(List.of(AGENTS));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        String manifest = print(grant, PermissionsCommand.Format.MANIFEST, err);
        assertThat(manifestIds(manifest)).containsExactly(EXPECTED_IDS.get("User.Read.All"));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown ids").contains("AgentCollection.Read.All");

        String text = print(grant, PermissionsCommand.Format.TEXT, new ByteArrayOutputStream());
        String section = section(text, "== requiredResourceAccess");
        String json = section.substring(0, section.indexOf("unknown ids"));
        assertThat(manifestIds(json)).containsExactly(EXPECTED_IDS.get("User.Read.All"));
        assertThat(section.substring(section.indexOf("unknown ids")).lines().findFirst().orElseThrow())
                .contains("AgentCollection.Read.All");
        assertThat(section(text, "== Permissions")).contains("AgentCollection.Read.All").contains("unknown");

        String cli = print(grant, PermissionsCommand.Format.AZURE_CLI, new ByteArrayOutputStream());
        assertThat(cli.lines().filter(l -> l.startsWith("az ")).toList()).allSatisfy(l -> assertThat(l).doesNotContain("Agent"));
        assertThat(cli).contains("# unknown ids").contains(EXPECTED_IDS.get("User.Read.All") + "=Role");
    }

    @Test
    void aWritePermissionInTheCatalogueFailsFast() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataType.builder("writer")
                        .get(com.entralake.catalog.ApiVersion.V1_0, "/users").resource("user")
                        .mode(new com.entralake.catalog.CollectionMode.Listing()).pageSize(100)
                        .needs("User.Read.All", "User.ReadWrite.All")
                        .throttle(com.entralake.catalog.ThrottleClass.DIRECTORY).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("User.ReadWrite.All");
    }

    @Test
    void unknownFormatIsRejected() {
        assertThat(run("--format", "yaml").exitCode()).isEqualTo(2);
    }
}
