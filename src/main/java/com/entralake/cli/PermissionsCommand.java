package com.entralake.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.GraphPermissions;
import com.entralake.config.ConfigurationException;
import com.entralake.connectivity.ConnectivityCheck;
import com.entralake.run.ExitCodes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Prints what an app registration must be granted for the selected data types: the read-only
 * Graph application permissions, a {@code requiredResourceAccess} manifest fragment and the
 * equivalent Azure CLI commands. Reads only the catalogue; starts no Spring context and talks to
 * nothing.
 */
@Command(name = "permissions",
        mixinStandardHelpOptions = true,
        description = {
                "Prints the Graph permissions to grant to the app registration.",
                "The read-only Microsoft Graph application permissions the selected data",
                "types need (and the licence each needs), a requiredResourceAccess manifest",
                "fragment and the Azure CLI commands that grant them. Contacts nothing;",
                "needs no configuration.",
                "",
                "Permissions whose app role id is not known are listed as unknown and left",
                "out of the manifest and the commands: look them up in Microsoft's Graph",
                "permissions reference."},
        footer = {"", ExitStatusHelp.PERMISSIONS})
public class PermissionsCommand implements Callable<Integer> {

    static final String APP_ID_PLACEHOLDER = "<APP_ID>";

    /** What to print; {@code text} is all three sections. */
    enum Format {
        TEXT("text"), MANIFEST("manifest"), AZURE_CLI("azure-cli");

        final String label;

        Format(String label) {
            this.label = label;
        }

        static final class Converter implements ITypeConverter<Format> {
            @Override
            public Format convert(String value) {
                for (Format format : values()) {
                    if (format.label.equalsIgnoreCase(value)) {
                        return format;
                    }
                }
                throw new TypeConversionException("expected one of text, manifest, azure-cli but was '" + value + "'");
            }
        }

        static final class Candidates extends ArrayList<String> {
            Candidates() {
                super(List.of("text", "manifest", "azure-cli"));
            }
        }
    }

    @Option(names = "--data-type", paramLabel = "DATASET",
            description = "Only this data type (a dataset of docs/datasets.md, e.g. signins); repeatable. Default: all.")
    List<String> dataTypes = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = Format.Converter.class, completionCandidates = Format.Candidates.class,
            description = {"text (default): all three sections, for reading;",
                    "manifest: only the requiredResourceAccess JSON;",
                    "azure-cli: only the az commands (<APP_ID> is a placeholder)."})
    Format format;

    @Option(names = "--data-types-only",
            description = {"Leave out Application.Read.All, which no data type needs but which lets",
                    "test-connectivity explain a missing permission and collect warn before the",
                    "client secret expires (recommended, read-only)."})
    boolean dataTypesOnly;

    @Override
    public Integer call() {
        print(Grant.of(selected(), !dataTypesOnly), format, System.out, System.err);
        return ExitCodes.SUCCESS;
    }

    static void print(Grant grant, Format format, PrintStream out, PrintStream err) {
        switch (format) {
            case MANIFEST -> {
                out.println(manifestJson(grant));
                if (!grant.unknown().isEmpty()) {
                    err.println(unknownIdsLine(grant));
                }
            }
            case AZURE_CLI -> printAzureCli(grant, out);
            default -> {
                out.println("== Permissions (Microsoft Graph, application, read-only; admin consent required) ==");
                printPermissionList(grant, out);
                out.println();
                out.println("== requiredResourceAccess (app manifest fragment, JSON) ==");
                out.println(manifestJson(grant));
                if (!grant.unknown().isEmpty()) {
                    out.println(unknownIdsLine(grant));
                }
                out.println();
                out.println("== Azure CLI (replace " + APP_ID_PLACEHOLDER + " with the Application (client) ID) ==");
                printAzureCli(grant, out);
            }
        }
        out.flush();
    }

    /** The selected data types in catalogue order, each once; all of them when none is named. */
    private List<DataType> selected() {
        for (String dataType : dataTypes) {
            if (DataTypeCatalog.byDataset(dataType).isEmpty()) {
                throw new ConfigurationException("unknown data type '" + dataType + "'; known: "
                        + DataTypeCatalog.all().stream().map(DataType::dataset).toList());
            }
        }
        return DataTypeCatalog.all().stream()
                .filter(type -> dataTypes.isEmpty() || dataTypes.contains(type.dataset()))
                .toList();
    }

    /**
     * The permissions of some data types: each permission once, in first-use order, with the data
     * types that need it and its app role id when known.
     */
    record Grant(List<DataType> dataTypes, Map<String, List<String>> neededBy, Map<String, String> ids,
            List<String> unknown) {

        static Grant of(List<DataType> dataTypes) {
            return of(dataTypes, false);
        }

        static Grant of(List<DataType> dataTypes, boolean withApplicationRead) {
            Map<String, List<String>> neededBy = new LinkedHashMap<>();
            for (DataType type : dataTypes) {
                for (String permission : type.leastPrivilegedPermissions()) {
                    GraphPermissions.requireReadOnly(permission);
                    neededBy.computeIfAbsent(permission, p -> new ArrayList<>()).add(type.dataset());
                }
            }
            if (withApplicationRead) {
                neededBy.computeIfAbsent(ConnectivityCheck.APPLICATION_READ_ALL, p -> new ArrayList<>())
                        .add("secret-expiry check and test-connectivity's explanations (recommended)");
            }
            Map<String, String> ids = new LinkedHashMap<>();
            List<String> unknown = new ArrayList<>();
            for (String permission : neededBy.keySet()) {
                GraphPermissions.appRoleId(permission).ifPresentOrElse(id -> ids.put(permission, id),
                        () -> unknown.add(permission));
            }
            return new Grant(dataTypes, neededBy, ids, unknown);
        }

        /** Known app role ids, each once. */
        Set<String> roleIds() {
            return new LinkedHashSet<>(ids.values());
        }
    }

    private static void printPermissionList(Grant grant, PrintStream out) {
        out.println("For data types: "
                + grant.dataTypes().stream().map(DataType::dataset).collect(Collectors.joining(", ")));
        out.println();
        List<String[]> permissionRows = new ArrayList<>();
        permissionRows.add(new String[] {"permission", "app role id", "needed by"});
        grant.neededBy().forEach((permission, types) -> permissionRows.add(new String[] {permission,
                grant.ids().getOrDefault(permission, "unknown (see Microsoft's permissions reference)"),
                String.join(", ", types)}));
        printTable(permissionRows, out);
        out.println();
        List<String[]> typeRows = new ArrayList<>();
        typeRows.add(new String[] {"data type", "permissions", "licence"});
        for (DataType type : grant.dataTypes()) {
            typeRows.add(new String[] {type.dataset(), String.join(", ", type.leastPrivilegedPermissions()),
                    type.licence().name()});
        }
        printTable(typeRows, out);
    }

    private static void printTable(List<String[]> rows, PrintStream out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** {@code {"requiredResourceAccess": [{"resourceAppId": graph, "resourceAccess": [{"id", "type": "Role"}]}]}}. */
    static String manifestJson(Grant grant) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode graph = root.putArray("requiredResourceAccess").addObject();
        graph.put("resourceAppId", GraphPermissions.GRAPH_RESOURCE_APP_ID);
        ArrayNode access = graph.putArray("resourceAccess");
        for (String id : grant.roleIds()) {
            access.addObject().put("id", id).put("type", "Role");
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return mapper.writer(printer).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest fragment", e);
        }
    }

    private static String unknownIdsLine(Grant grant) {
        return "unknown ids (not in the JSON above; look them up in Microsoft's Graph permissions reference): "
                + String.join(", ", grant.unknown());
    }

    private static void printAzureCli(Grant grant, PrintStream out) {
        if (!grant.unknown().isEmpty()) {
            out.println("# unknown ids, not granted below (look them up in Microsoft's Graph permissions reference): "
                    + String.join(", ", grant.unknown()));
        }
        if (!grant.roleIds().isEmpty()) {
            out.println("az ad app permission add --id " + APP_ID_PLACEHOLDER + " --api "
                    + GraphPermissions.GRAPH_RESOURCE_APP_ID + " --api-permissions "
                    + grant.roleIds().stream().map(id -> id + "=Role").collect(Collectors.joining(" ")));
        }
        out.println("az ad app permission admin-consent --id " + APP_ID_PLACEHOLDER);
    }
}
