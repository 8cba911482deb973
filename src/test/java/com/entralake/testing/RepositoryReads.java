package com.entralake.testing;

import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;

import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Counts what the commands run in this JVM ask of the job repository: the statements they execute and the
 * rows they read back. A command's context takes it in through {@link #PROPERTY} (give it {@link #SOURCE} in
 * the job configuration): its DataSource bean is then wrapped by datasource-proxy, so Spring Batch's queries
 * are counted with Entra Lake's own. Not a {@code @Configuration}, so that no component scan picks it up.
 */
public class RepositoryReads {

    /** Spring Boot's property for extra configuration sources of the command's context. */
    public static final String PROPERTY = "spring.main.sources";
    public static final String SOURCE = RepositoryReads.class.getName();

    private static final AtomicLong STATEMENTS = new AtomicLong();
    private static final AtomicLong ROWS = new AtomicLong();
    private static final Map<String, AtomicLong> BY_STATEMENT = new ConcurrentHashMap<>();

    /** What was counted since the last {@link #reset()}. */
    public record Count(long statements, long rows, Map<String, Long> byStatement) {

        /** The most frequent statements first: what to look at when a count grows. */
        public String top(int n) {
            return byStatement.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(n).map(e -> e.getValue() + " × " + e.getKey()).collect(Collectors.joining("\n"));
        }

        @Override
        public String toString() {
            return statements + " statements, " + rows + " rows read";
        }
    }

    public static void reset() {
        STATEMENTS.set(0);
        ROWS.set(0);
        BY_STATEMENT.clear();
    }

    public static Count count() {
        return new Count(STATEMENTS.get(), ROWS.get(), BY_STATEMENT.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())));
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof DataSource dataSource) || bean instanceof ProxyDataSource) {
                    return bean;
                }
                return ProxyDataSourceBuilder.create(dataSource).name(beanName).proxyResultSet()
                        .afterQuery((execution, queries) -> {
                            for (QueryInfo query : queries) {
                                STATEMENTS.incrementAndGet();
                                BY_STATEMENT.computeIfAbsent(shorten(query.getQuery()), q -> new AtomicLong())
                                        .incrementAndGet();
                            }
                        })
                        .methodListener(new RowCounter())
                        .build();
            }
        };
    }

    private static String shorten(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }

    /** A row read is a {@code ResultSet.next()} that returned true. */
    private static final class RowCounter implements MethodExecutionListener {
        @Override
        public void beforeMethod(MethodExecutionContext context) {
        }

        @Override
        public void afterMethod(MethodExecutionContext context) {
            if (context.getTarget() instanceof ResultSet && "next".equals(context.getMethod().getName())
                    && Boolean.TRUE.equals(context.getResult())) {
                ROWS.incrementAndGet();
            }
        }
    }
}
