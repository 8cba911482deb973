package com.entralake.graph;

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
    private final Set<Digest> visited = new HashSet<>();
    private URI next;
    private int pagesRead;

    public PageIterator(GraphClient client, URI firstPage) {
        this.client = Objects.requireNonNull(client, "client");
        this.next = Objects.requireNonNull(firstPage, "firstPage");
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
        GraphPage page = client.fetch(url);
        pagesRead++;
        next = page.nextLink();
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
