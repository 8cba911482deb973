package com.entralake.emulator;

import com.entralake.catalog.DataType;
import java.io.IOException;

/** Serves one page of a catalogued data type of one collection mode, after the router checked permission and licence. */
interface ListingResource {
    void serve(Exchange c, EmulatedTenant t, DataType type) throws IOException;
}
