/**
 * Microsoft Graph / Entra token emulator (HTTPS, 127.0.0.1) used by the demo run and by all tests.
 *
 * <ul>
 *   <li>{@link com.entralake.emulator.GraphEmulator#start(EmulatorOptions)}; {@code EmulatorOptions.demo(Paths.get("sample-data"))}
 *       loads the demo tenant ({@code demoTenant()}); {@link com.entralake.emulator.EmulatorMain} runs it standalone.</li>
 *   <li>Token endpoint {@code POST /{tenant}/oauth2/v2.0/token}: client credentials with a secret (post or basic) or an
 *       RS256 client assertion; Entra error bodies (AADSTS7000215, 7000222, 90002, 700016, 700027, ...).</li>
 *   <li>Graph {@code /v1.0/auditLogs/signIns}, {@code /v1.0/auditLogs/directoryAudits} ($filter on the time property with
 *       ge/le/eq, $top, $orderby, $skiptoken; keyset paging, newest first), {@code /v1.0/users}, {@code /v1.0/groups}
 *       ($select, $top, $skiptoken), {@code /v1.0/organization} (with the tenant's {@code tenantType}),
 *       {@code /v1.0/applications(appId='{appId}')} and {@code /v1.0/applications/{id}} ($select; requiredResourceAccess,
 *       passwordCredentials, keyCredentials of an {@link com.entralake.emulator.AppRegistration}).</li>
 *   <li>Tenants: {@link com.entralake.emulator.License} tier (Free, P1, P2) and {@link com.entralake.emulator.TenantType}
 *       (a B2C tenant gets the same 403 on sign-ins as an unlicensed one).</li>
 *   <li>Data: {@link com.entralake.emulator.GeneratedEventSource} (lazy, deterministic, time-anchored) and
 *       {@link com.entralake.emulator.ListEventSource} (explicit, late and re-published records), visibility and
 *       retention decided by {@link com.entralake.emulator.EmulatorClock}.</li>
 *   <li>{@link com.entralake.emulator.Faults}: throttling, 5xx, resets, slow, truncated, nextLink loop, fail from page N,
 *       licence and roles at runtime; on the token endpoint, Entra's 5xx body, a proxy's HTML page, 429 with
 *       Retry-After, resets, hangs and short token lifetimes.</li>
 * </ul>
 */
package com.entralake.emulator;
