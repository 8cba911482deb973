package com.entralake.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import com.entralake.catalog.DataTypeCatalog;
import com.entralake.config.DataTypeSelection;
import com.entralake.config.EntraLakeProperties;
import com.entralake.config.TenantSelection;
import com.entralake.connectivity.ConnectivityCheck;
import com.entralake.connectivity.ConnectivityReport;
import com.entralake.connectivity.ConnectivityReportPrinter;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.connectivity.CredentialWatch;
import com.entralake.run.ExitCodes;
import com.entralake.tenant.TenantSessionFactory;
import com.entralake.time.JobClock;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The integration's "Connect" button, per tenant; stores the result for managed mode and {@code status}. */
@Command(name = "test-connectivity",
        mixinStandardHelpOptions = true,
        description = {
                "Tests each tenant's connection and says what to fix.",
                "Signs in (explaining AADSTS errors), lists the Graph permissions the",
                "selected data types need — present, or why missing: not added, added as",
                "Delegated, or no admin consent (needs Application.Read.All to tell) —,",
                "detects B2C tenants (not supported), probes every selected data type with",
                "a one-record request (available / missing permission / not licensed / not",
                "applicable; 'no' data types too, for information) and checks the client",
                "secret's or certificate's expiry. Collects nothing. The",
                "result is stored in the job repository: managed data types follow it, and",
                "'status' shows it. A failing request is tried at most 3 times."},
        footer = {"", ExitStatusHelp.TEST_CONNECTIVITY})
public class TestConnectivityCommand extends ConfiguredCommand {

    @Option(names = "--tenant", paramLabel = "NAME",
            description = "Test only this tenant (name or tenant id); repeatable. Default: all configured.")
    List<String> tenants = new ArrayList<>();

    @Override
    protected List<String> extraSpringArguments() {
        // a person is waiting: three attempts are enough to tell "down" from "hiccup"
        return List.of("--entralake.http.max-attempts=3");
    }

    @Override
    protected String nothingRan() {
        return "Nothing was tested.";
    }

    @Override
    protected int run(ConfigurableApplicationContext context, EntraLakeProperties properties) {
        ConnectivityCheck check = new ConnectivityCheck(context.getBean(TenantSessionFactory.class),
                properties.getSecretExpiry().getWarnWithin());
        ConnectivityStore store = context.getBean(ConnectivityStore.class);
        CredentialWatch watch = context.getBean(CredentialWatch.class);
        Instant at = context.getBean(JobClock.class).now();
        int exit = ExitCodes.SUCCESS;
        for (EntraLakeProperties.Tenant tenant : TenantSelection.select(properties, tenants)) {
            ConnectivityReport report = check.check(tenant, at);
            report.credentials().ifPresent(review -> watch.notifyIfNeeded(report.tenantName(), report.tenantId(),
                    report.clientId(), report.secretId(), review));
            ConnectivityReportPrinter.print(System.out, report, selections(tenant));
            try {
                store.save(report);
            } catch (RuntimeException e) {
                // the verdict stands; only managed mode and status miss it until the next test or collect
                System.out.println("  (the result could not be stored in the job repository: " + e.getMessage() + ")");
                System.out.println();
            }
            exit = worse(exit, switch (report.outcome()) {
                case CONNECTED -> ExitCodes.SUCCESS;
                case SIGN_IN_FAILED -> ExitCodes.AUTHENTICATION;
                case LOGIN_UNAVAILABLE, GRAPH_UNREACHABLE, UNSUPPORTED_TENANT -> ExitCodes.PARTIAL;
            });
        }
        return exit;
    }

    private static int worse(int a, int b) {
        return Math.max(a, b); // 3 > 1 > 0, and 2 never reaches here
    }

    private static Map<String, DataTypeSelection> selections(EntraLakeProperties.Tenant tenant) {
        Map<String, DataTypeSelection> selections = new LinkedHashMap<>();
        DataTypeCatalog.all().forEach(t -> selections.put(t.dataset(), DataTypeSelection.of(tenant, t)));
        return selections;
    }
}
