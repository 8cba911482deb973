package com.entralake.cli;

import picocli.CommandLine.Command;

/** The {@code entra-lake} command line; every subcommand has {@code --help}. */
@Command(name = "entra-lake",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Collects Microsoft Entra ID sign-ins, audit logs and directory data",
                "from Microsoft Graph into a partitioned Parquet lake, exactly once.",
                "",
                "Without a subcommand, runs 'collect' (the nightly job)."},
        subcommands = {CollectCommand.class, TestConnectivityCommand.class, StatusCommand.class,
                PermissionsCommand.class, EmulatorCommand.class},
        footer = {"", "Without a subcommand this is collect, whose exit statuses follow; every",
                "command's --help lists its own.", "", ExitStatusHelp.COLLECT})
public class EntraLakeCommand implements Runnable {

    @Override
    public void run() {
        // never reached: main() turns a bare invocation into 'collect'
    }
}
