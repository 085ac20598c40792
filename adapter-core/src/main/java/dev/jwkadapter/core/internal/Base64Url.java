package dev.jwkadapter.core.internal;

import java.util.Arrays;

/**
 * Strict base64url (RFC 4648 §5) without padding, as JWS requires (RFC 7515 §2).
 *
 * <p>Unlike {@code java.util.Base64.getUrlDecoder()}, decoding rejects {@code =} padding, characters
 * outside the URL-safe alphabet (including whitespace), a length of 1 modulo 4, and a final character
 * whose unused bits are not zero (so every byte string has exactly one accepted encoding, which closes
 * a signature-malleability hole). Stateless and thread-safe.
 */
public final class Base64Url {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final byte[] DECODE = new byte[128];
    /** Indexed by {@code byte & 0xff}: no branch on the sign and no bounds check in the hot loop. */
    private static final int[] DECODE_BYTES = new int[256];

    static {
        Arrays.fill(DECODE, (byte) -1);
        Arrays.fill(DECODE_BYTES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = (byte) i;
            DECODE_BYTES[ALPHABET[i]] = i;
        }
    }

    private Base64Url() {}

    /** Thrown when the input is not canonical unpadded base64url. */
    public static final class InvalidBase64Exception extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidBase64Exception(String message) {
            super(message);
        }
    }

    /** Encodes without padding. */
    public static String encode(byte[] data) {
        return encode(data, 0, data.length);
    }

    /** Encodes {@code len} bytes from {@code off} without padding. */
    public static String encode(byte[] data, int off, int len) {
        char[] out = new char[encodedLength(len)];
        int o = 0;
        int end = off + len;
        int i = off;
        for (; i + 2 < end; i += 3) {
            int v = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
            out[o++] = ALPHABET[v >>> 18];
            out[o++] = ALPHABET[(v >>> 12) & 63];
            out[o++] = ALPHABET[(v >>> 6) & 63];
            out[o++] = ALPHABET[v & 63];
        }
        int rest = end - i;
        if (rest == 1) {
            int v = (data[i] & 0xff) << 16;
            out[o++] = ALPHABET[v >>> 18];
            out[o++] = ALPHABET[(v >>> 12) & 63];
        } else if (rest == 2) {
            int v = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8;
            out[o++] = ALPHABET[v >>> 18];
            out[o++] = ALPHABET[(v >>> 12) & 63];
            out[o++] = ALPHABET[(v >>> 6) & 63];
        }
        return new String(out);
    }

    /** The length of the unpadded encoding of {@code n} bytes. */
    public static int encodedLength(int n) {
        return (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
    }

    /** Decodes a whole string strictly. */
    public static byte[] decode(CharSequence s) {
        return decode(s, 0, s.length());
    }

    /**
     * Decodes {@code s[from, to)} strictly.
     *
     * @throws InvalidBase64Exception if the range is not canonical unpadded base64url
     */
    public static byte[] decode(CharSequence s, int from, int to) {
        int len = to - from;
        if (len < 0) {
            throw new InvalidBase64Exception("negative range");
        }
        byte[] ascii = new byte[len];
        for (int i = 0; i < len; i++) {
            char c = s.charAt(from + i);
            ascii[i] = c < 128 ? (byte) c : (byte) '?'; // '?' is outside the alphabet: refused below
        }
        return decode(ascii, 0, len);
    }

    /**
     * Decodes {@code src[from, to)} (ASCII bytes) strictly; faster than the {@code CharSequence} form.
     *
     * @throws InvalidBase64Exception if the range is not canonical unpadded base64url
     */
    public static byte[] decode(byte[] src, int from, int to) {
        int len = to - from;
        if (len < 0) {
            throw new InvalidBase64Exception("negative range");
        }
        int rem = len & 3;
        if (rem == 1) {
            throw new InvalidBase64Exception("length is 1 modulo 4");
        }
        byte[] out = new byte[(len / 4) * 3 + (rem == 0 ? 0 : rem - 1)];
        int o = 0;
        int i = from;
        int fullEnd = from + (len - rem);
        int[] table = DECODE_BYTES;
        for (; i < fullEnd; i += 4) {
            int va = table[src[i] & 0xff];
            int vb = table[src[i + 1] & 0xff];
            int vc = table[src[i + 2] & 0xff];
            int vd = table[src[i + 3] & 0xff];
            if ((va | vb | vc | vd) < 0) {
                throw new InvalidBase64Exception(src[i] == '=' || src[i + 1] == '=' || src[i + 2] == '=' || src[i + 3] == '='
                        ? "padding '=' is not allowed in base64url" : "character outside the base64url alphabet");
            }
            int v = va << 18 | vb << 12 | vc << 6 | vd;
            out[o] = (byte) (v >>> 16);
            out[o + 1] = (byte) (v >>> 8);
            out[o + 2] = (byte) v;
            o += 3;
        }
        if (rem == 2) {
            int a = byteValue(src[i]);
            int b = byteValue(src[i + 1]);
            if ((b & 0x0f) != 0) {
                throw new InvalidBase64Exception("non-canonical final character (unused bits set)");
            }
            out[o] = (byte) (a << 2 | b >>> 4);
        } else if (rem == 3) {
            int a = byteValue(src[i]);
            int b = byteValue(src[i + 1]);
            int c = byteValue(src[i + 2]);
            if ((c & 0x03) != 0) {
                throw new InvalidBase64Exception("non-canonical final character (unused bits set)");
            }
            int v = a << 12 | b << 6 | c;
            out[o++] = (byte) (v >>> 10);
            out[o] = (byte) (v >>> 2);
        }
        return out;
    }

    private static int byteValue(byte b) {
        return value((char) (b & 0xff));
    }

    private static int value(char c) {
        int v = c < 128 ? DECODE[c] : -1;
        if (v < 0) {
            throw new InvalidBase64Exception(c == '='
                    ? "padding '=' is not allowed in base64url"
                    : "character outside the base64url alphabet");
        }
        return v;
    }
}
