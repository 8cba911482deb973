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
        footer = {"", "The exit statuses below are collect's; test-connectivity --help and status --help",
                "list their own.", "", ExitStatusHelp.TABLE})
public class EntraLakeCommand implements Runnable {

    @Override
    public void run() {
        // never reached: main() turns a bare invocation into 'collect'
    }
}
