package com.entralake.lake;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One occurrence of an id in a snapshot: the id and the position (0, 1, 2, ... in write order) it occurred at.
 *
 * <p>Directory object ids are GUIDs, and Graph writes them in the canonical lower-case form: such an id is kept as
 * its 128 bits (16 bytes instead of a 36-character string). Anything else — a GUID in capitals, with braces, or any
 * other text — is kept as its text, so two ids are the same exactly when their strings are equal, as before.
 * Entries order by id (GUIDs first, by their unsigned bits; then texts), then by position: among equal ids the
 * first occurrence comes first, which is what the snapshot keeps.
 */
final class IdEntry implements Comparable<IdEntry> {

    private static final byte GUID = 0;
    private static final byte TEXT = 1;
    private static final byte END = 2;

    /** Heap of a GUID entry: object header, two longs, a reference and an int, plus its slot in the buffer list. */
    private static final int GUID_ENTRY_BYTES = 48;
    /** A text entry also holds its String (header, array header; up to two bytes per char). */
    private static final int STRING_OVERHEAD_BYTES = 40;

    private final long hi;
    private final long lo;
    /** Null for a GUID. */
    private final String text;
    private final int position;

    private IdEntry(long hi, long lo, String text, int position) {
        this.hi = hi;
        this.lo = lo;
        this.text = text;
        this.position = position;
    }

    static IdEntry of(String id, int position) {
        if (isCanonicalGuid(id)) {
            return new IdEntry(hex(id, 0, 8) << 32 | hex(id, 9, 13) << 16 | hex(id, 14, 18),
                    hex(id, 19, 23) << 48 | hex(id, 24, 36), null, position);
        }
        return new IdEntry(0, 0, id, position);
    }

    int position() {
        return position;
    }

    boolean sameIdAs(IdEntry other) {
        return text == null ? other.text == null && hi == other.hi && lo == other.lo : text.equals(other.text);
    }

    /** What this entry costs on the heap while it waits in the in-memory buffer (an upper estimate). */
    long heapBytes() {
        return text == null ? GUID_ENTRY_BYTES : GUID_ENTRY_BYTES + STRING_OVERHEAD_BYTES + 2L * text.length();
    }

    @Override
    public int compareTo(IdEntry o) {
        int c;
        if (text == null || o.text == null) {
            c = text == null ? (o.text == null ? 0 : -1) : 1;
            if (c == 0) {
                c = Long.compareUnsigned(hi, o.hi);
            }
            if (c == 0) {
                c = Long.compareUnsigned(lo, o.lo);
            }
        } else {
            c = text.compareTo(o.text);
        }
        return c != 0 ? c : Integer.compare(position, o.position);
    }

    /** 21 bytes for a GUID: kind, 16 bytes of id, position. */
    void writeTo(DataOutputStream out) throws IOException {
        if (text == null) {
            out.writeByte(GUID);
            out.writeLong(hi);
            out.writeLong(lo);
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeByte(TEXT);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
        out.writeInt(position);
    }

    static void writeEnd(DataOutputStream out) throws IOException {
        out.writeByte(END);
    }

    /** The next entry of a run, or null at its end. */
    static IdEntry readFrom(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case GUID:
                long hi = in.readLong();
                long lo = in.readLong();
                return new IdEntry(hi, lo, null, in.readInt());
            case TEXT:
                byte[] utf8 = new byte[in.readInt()];
                in.readFully(utf8);
                return new IdEntry(0, 0, new String(utf8, StandardCharsets.UTF_8), in.readInt());
            case END:
                return null;
            default:
                throw new IOException("corrupt id run: entry kind " + kind);
        }
    }

    /** {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} in lower-case hex: the only form that maps one-to-one to 128 bits. */
    static boolean isCanonicalGuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static long hex(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            v = v << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return v;
    }
}
