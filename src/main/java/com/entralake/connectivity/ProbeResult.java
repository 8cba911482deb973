package com.entralake.connectivity;

import java.time.Instant;

/** The availability of one data type of one tenant, as last found, and why. */
public record ProbeResult(String dataset, Availability availability, String detail, Instant probedAt) {
}
