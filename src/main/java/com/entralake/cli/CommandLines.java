package com.entralake.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import com.entralake.config.ConfigurationException;
import com.entralake.repository.RepositoryUnavailableException;
import com.entralake.run.ExitCodes;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code entra-lake} command line as it runs: every option's value converted with a message that says
 * what is expected (never a Java exception name), a usage error as one message and a pointer to
 * {@code --help} (exit 2), a configuration or job repository error as one message (exit 2), and only a
 * bug as a stack trace (exit 5).
 */
public final class CommandLines {

    private CommandLines() {
    }

    public static CommandLine create() {
        CommandLine commandLine = new CommandLine(new EntraLakeCommand());
        commandLine.registerConverter(Integer.class, CommandLines::wholeNumber);
        commandLine.registerConverter(Integer.TYPE, CommandLines::wholeNumber);
        commandLine.registerConverter(Double.class, CommandLines::number);
        commandLine.registerConverter(Double.TYPE, CommandLines::number);
        commandLine.registerConverter(Path.class, CommandLines::path);
        commandLine.setParameterExceptionHandler(CommandLines::usageError);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ConfigurationException) {
                cmd.getErr().println("Configuration error: " + e.getMessage());
                return ExitCodes.CONFIGURATION;
            }
            if (e instanceof RepositoryUnavailableException) {
                cmd.getErr().println(e.getMessage());
                return ExitCodes.CONFIGURATION;
            }
            cmd.getErr().println("Unexpected failure (a bug — please report it with the log above): " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCodes.UNEXPECTED;
        });
        return commandLine;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static Integer wholeNumber(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }

    private static Double number(String value) {
        try {
            double number = Double.parseDouble(value.strip());
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number (e.g. 1389 or 0.5)");
        }
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a usable path: " + e.getReason());
        }
    }
}
