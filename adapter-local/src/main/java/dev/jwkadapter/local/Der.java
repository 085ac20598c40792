package dev.jwkadapter.local;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * The small part of ASN.1 DER (ITU-T X.690) this module needs: writing certificates and reading the
 * private-key structures of PKCS#1, SEC1 and PKCS#8. Definite lengths only; stateless helpers and a
 * not-thread-safe {@link Reader}.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int PRINTABLE_STRING = 0x13;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;
    static final int BOOLEAN = 0x01;

    private static final DateTimeFormatter UTC_TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Der() {}

    /** A tag-length-value with the given content. */
    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int octets = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, concat(parts));
    }

    static byte[] set(byte[]... parts) {
        return tlv(SET, concat(parts));
    }

    /** {@code [n] EXPLICIT}: a constructed context-specific tag around one element. */
    static byte[] explicit(int tagNumber, byte[] element) {
        return tlv(0xa0 | tagNumber, element);
    }

    static byte[] integer(BigInteger v) {
        return tlv(INTEGER, v.toByteArray());
    }

    static byte[] integer(long v) {
        return integer(BigInteger.valueOf(v));
    }

    static byte[] bool(boolean v) {
        return tlv(BOOLEAN, new byte[] {v ? (byte) 0xff : 0});
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    static byte[] octetString(byte[] v) {
        return tlv(OCTET_STRING, v);
    }

    /** A BIT STRING with no unused bits. */
    static byte[] bitString(byte[] v) {
        byte[] content = new byte[v.length + 1];
        System.arraycopy(v, 0, content, 1, v.length);
        return tlv(BIT_STRING, content);
    }

    static byte[] utf8(String s) {
        return tlv(UTF8_STRING, s.getBytes(StandardCharsets.UTF_8));
    }

    /** An OBJECT IDENTIFIER from its dotted form. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.", -1);
        if (arcs.length < 2) {
            throw new IllegalArgumentException("OID needs at least two arcs");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BigInteger first = new BigInteger(arcs[0]).multiply(BigInteger.valueOf(40)).add(new BigInteger(arcs[1]));
        base128(out, first);
        for (int i = 2; i < arcs.length; i++) {
            base128(out, new BigInteger(arcs[i]));
        }
        return tlv(OID, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, BigInteger v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("negative OID arc");
        }
        int groups = Math.max(1, (v.bitLength() + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int b = v.shiftRight(7 * g).intValue() & 0x7f;
            out.write(g == 0 ? b : b | 0x80);
        }
    }

    /** Time as RFC 5280 §4.1.2.5 requires: UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds. */
    static byte[] time(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("certificate time out of range: year " + year);
        }
        if (year >= 1950 && year <= 2049) {
            return tlv(UTC_TIME, UTC_TIME_FORMAT.format(t).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(GENERALIZED_TIME, GENERALIZED_TIME_FORMAT.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes an OBJECT IDENTIFIER's content octets to the dotted form. */
    static String oidToString(byte[] content) {
        if (content.length == 0 || (content[content.length - 1] & 0x80) != 0) {
            throw new IllegalArgumentException("malformed OBJECT IDENTIFIER");
        }
        StringBuilder sb = new StringBuilder();
        BigInteger acc = BigInteger.ZERO;
        boolean first = true;
        boolean start = true;
        for (byte b : content) {
            if (start && (b & 0xff) == 0x80) {
                throw new IllegalArgumentException("non-minimal OBJECT IDENTIFIER arc");
            }
            acc = acc.shiftLeft(7).or(BigInteger.valueOf(b & 0x7f));
            start = false;
            if ((b & 0x80) == 0) {
                if (first) {
                    int a0 = acc.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : acc.intValue() / 40;
                    sb.append(a0).append('.').append(acc.subtract(BigInteger.valueOf(40L * a0)));
                    first = false;
                } else {
                    sb.append('.').append(acc);
                }
                acc = BigInteger.ZERO;
                start = true;
            }
        }
        return sb.toString();
    }

    /** Reads consecutive DER elements from a byte range. Not thread-safe. */
    static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        Reader(byte[] data) {
            this(data, 0, data.length);
        }

        private Reader(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        boolean hasMore() {
            return pos < end;
        }

        /** The tag of the next element, without consuming it. */
        int peekTag() {
            if (pos >= end) {
                throw new IllegalArgumentException("unexpected end of DER data");
            }
            return data[pos] & 0xff;
        }

        /** Reads the next element, which must have {@code tag}, and returns its content octets. */
        byte[] read(int tag) {
            int[] range = next(tag);
            return Arrays.copyOfRange(data, range[0], range[1]);
        }

        /** Reads the next element, which must have {@code tag}, as a reader over its content. */
        Reader readConstructed(int tag) {
            int[] range = next(tag);
            return new Reader(data, range[0], range[1]);
        }

        /** Reads the next element whatever its tag, returning its whole encoding. */
        byte[] readRaw() {
            int start = pos;
            next(peekTag());
            return Arrays.copyOfRange(data, start, pos);
        }

        BigInteger readInteger() {
            byte[] v = read(INTEGER);
            if (v.length == 0) {
                throw new IllegalArgumentException("empty INTEGER");
            }
            return new BigInteger(v);
        }

        String readOid() {
            return oidToString(read(OID));
        }

        /** Reads a BIT STRING that must have no unused bits. */
        byte[] readBitString() {
            byte[] v = read(BIT_STRING);
            if (v.length == 0 || v[0] != 0) {
                throw new IllegalArgumentException("BIT STRING with unused bits");
            }
            return Arrays.copyOfRange(v, 1, v.length);
        }

        /** Fails unless every octet was consumed. */
        void end() {
            if (pos != end) {
                throw new IllegalArgumentException("trailing data after DER element");
            }
        }

        private int[] next(int tag) {
            int actual = peekTag();
            if (actual != tag) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "unexpected DER tag 0x%02x, expected 0x%02x", actual, tag));
            }
            int p = pos + 1;
            if (p >= end) {
                throw new IllegalArgumentException("truncated DER length");
            }
            int first = data[p++] & 0xff;
            int len;
            if (first < 0x80) {
                len = first;
            } else {
                int octets = first & 0x7f;
                if (octets == 0 || octets > 4) {
                    throw new IllegalArgumentException("unsupported DER length (indefinite or too long)");
                }
                if (p + octets > end) {
                    throw new IllegalArgumentException("truncated DER length");
                }
                long l = 0;
                for (int i = 0; i < octets; i++) {
                    l = (l << 8) | (data[p++] & 0xff);
                }
                if (l > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("DER length too large");
                }
                len = (int) l;
            }
            if (len > end - p) {
                throw new IllegalArgumentException("DER element longer than its container");
            }
            pos = p + len;
            return new int[] {p, p + len};
        }
    }
}
