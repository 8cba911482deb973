/**
 * What the integration's "Connect" button does, and what managed mode remembers of it: sign in, read
 * the token's application permissions, explain the missing ones from the app registration, probe each
 * data type with a one-record request, check the app's secret and certificate expiry, and keep the
 * result in the job repository database so {@code collect} and {@code status} can use it without
 * asking Graph again.
 */
package com.entralake.connectivity;
