package com.entralake.graph;

import com.entralake.catalog.DataType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The pages of one query, fetched one at a time: the first URL, then each {@code @odata.nextLink}
 * exactly as Graph gave it. Holds one page at a time; remembers only a 32-byte digest per page URL
 * to notice a nextLink that leads back to a page already read (which would otherwise never end).
 */
public final class PageIterator implements Iterator<GraphPage> {

    private final GraphClient client;
    private final DataType type;
    private final Set<Digest> visited = new HashSet<>();
    private final URI first;
    private URI next;
    private int pagesRead;

    /** The pages of a listing outside the catalogue (directory budget, no licence answers). */
    public PageIterator(GraphClient client, URI firstPage) {
        this(client, firstPage, null);
    }

    /** The pages of a catalogued data type: every page is paced and classified as that type. */
    public PageIterator(GraphClient client, URI firstPage, DataType type) {
        this.type = type;
        this.client = Objects.requireNonNull(client, "client");
        this.next = Objects.requireNonNull(firstPage, "firstPage");
        this.first = firstPage;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    /** graph.microsoft.com and graph.microsoft.com:443 are one origin. */
    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    /** Fetches the next page; throws {@link GraphException} (kind NEXT_LINK_LOOP among others). */
    @Override
    public GraphPage next() {
        if (next == null) {
            throw new NoSuchElementException("no more pages");
        }
        URI url = next;
        if (!visited.add(Digest.of(url))) {
            throw new GraphException(GraphException.Kind.NEXT_LINK_LOOP, 0, null,
                    "Graph's @odata.nextLink after page " + pagesRead + " points back to a page already read in"
                            + " this query (" + GraphErrors.describe(url) + "), a paging loop; stopping instead of reading forever."
                            + " The window is not committed and will be read again next run");
        }
        // held until the step has written it: the reader gives its place back (GraphClient#releaseHeldPage)
        GraphPage page = type == null ? client.fetch(url) : client.fetchHeld(url, type);
        pagesRead++;
        next = page.nextLink();
        if (next != null && !sameOrigin(next, first)) {
            // the request carries the tenant's bearer token: it goes to the host the query was sent to, nowhere else
            throw new GraphException(GraphException.Kind.UNEXPECTED_RESPONSE, 200, null,
                    "Graph's @odata.nextLink after page " + pagesRead + " points to another host (" + next.getScheme()
                            + "://" + next.getAuthority() + ", the query went to " + first.getScheme() + "://"
                            + first.getAuthority() + "); not following it, because the access token would go there."
                            + " The window is not committed and will be read again next run");
        }
        return page;
    }

    /** The URL the next call to {@link #next()} will fetch; null after the last page. */
    public URI nextUrl() {
        return next;
    }

    public int pagesRead() {
        return pagesRead;
    }

    private record Digest(long a, long b, long c, long d) {
        static Digest of(URI url) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(hash);
                return new Digest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is always available", e);
            }
        }
    }
}
