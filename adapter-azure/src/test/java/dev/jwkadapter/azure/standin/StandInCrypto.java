package dev.jwkadapter.azure.standin;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;

/**
 * Signing and verifying a <em>digest</em>, as Key Vault does: RS* as PKCS#1 v1.5 over DigestInfo(digest) with
 * {@code NONEwithRSA}; PS* as EMSA-PSS (RFC 8017 §9.1, MGF1 with the same hash, salt = hash length) encoded
 * here over the digest, then raw RSA; ES* as ECDSA over the digest with {@code NONEwithECDSAinP1363Format}
 * (raw R‖S). Stateless.
 */
final class StandInCrypto {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StandInCrypto() {}

    /** The JCA hash of a Key Vault algorithm name, or {@code null} for an unknown one. */
    static String hash(String alg) {
        switch (alg) {
            case "RS256": case "PS256": case "ES256": return "SHA-256";
            case "RS384": case "PS384": case "ES384": return "SHA-384";
            case "RS512": case "PS512": case "ES512": return "SHA-512";
            default: return null;
        }
    }

    /** The digest length of a Key Vault algorithm name. */
    static int digestLength(String alg) {
        String h = hash(alg);
        return h == null ? -1 : Integer.parseInt(h.substring(4)) / 8;
    }

    private static byte[] digestInfoPrefix(String hash) {
        switch (hash) {
            case "SHA-256": return HexFormat.of().parseHex("3031300d060960864801650304020105000420");
            case "SHA-384": return HexFormat.of().parseHex("3041300d060960864801650304020205000430");
            default: return HexFormat.of().parseHex("3051300d060960864801650304020305000440");
        }
    }

    static byte[] sign(String alg, PrivateKey key, byte[] digest) throws GeneralSecurityException {
        String hash = hash(alg);
        if (alg.startsWith("RS")) {
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initSign(key);
            s.update(concat(digestInfoPrefix(hash), digest));
            return s.sign();
        }
        if (alg.startsWith("PS")) {
            RSAPrivateKey rsa = (RSAPrivateKey) key;
            int modBits = rsa.getModulus().bitLength();
            byte[] em = emsaPssEncode(digest, modBits - 1, hash);
            Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
            raw.init(Cipher.ENCRYPT_MODE, key);
            return leftPad(raw.doFinal(leftPad(em, (modBits + 7) / 8)), (modBits + 7) / 8);
        }
        Signature s = Signature.getInstance("NONEwithECDSAinP1363Format");
        s.initSign(key);
        s.update(digest);
        return s.sign();
    }

    static boolean verify(String alg, PublicKey key, byte[] digest, byte[] signature) {
        try {
            String hash = hash(alg);
            if (alg.startsWith("RS")) {
                Signature s = Signature.getInstance("NONEwithRSA");
                s.initVerify(key);
                s.update(concat(digestInfoPrefix(hash), digest));
                return s.verify(signature);
            }
            if (alg.startsWith("PS")) {
                RSAPublicKey rsa = (RSAPublicKey) key;
                int k = (rsa.getModulus().bitLength() + 7) / 8;
                if (signature.length != k) {
                    return false;
                }
                Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
                raw.init(Cipher.DECRYPT_MODE, key);
                byte[] m = leftPad(raw.doFinal(signature), k);
                int emBits = rsa.getModulus().bitLength() - 1;
                int emLen = (emBits + 7) / 8;
                byte[] em = Arrays.copyOfRange(m, m.length - emLen, m.length);
                return emsaPssVerify(digest, em, emBits, hash);
            }
            Signature s = Signature.getInstance("NONEwithECDSAinP1363Format");
            s.initVerify(key);
            s.update(digest);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** RFC 8017 §9.1.1 with sLen = hLen. */
    static byte[] emsaPssEncode(byte[] mHash, int emBits, String hash) throws GeneralSecurityException {
        int hLen = mHash.length;
        int sLen = hLen;
        int emLen = (emBits + 7) / 8;
        if (emLen < hLen + sLen + 2) {
            throw new GeneralSecurityException("encoding error");
        }
        byte[] salt = new byte[sLen];
        RANDOM.nextBytes(salt);
        MessageDigest md = MessageDigest.getInstance(hash);
        md.update(new byte[8]);
        md.update(mHash);
        md.update(salt);
        byte[] h = md.digest();
        byte[] db = new byte[emLen - hLen - 1];
        db[emLen - sLen - hLen - 2] = 1;
        System.arraycopy(salt, 0, db, db.length - sLen, sLen);
        byte[] mask = mgf1(h, db.length, hash);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
        byte[] em = new byte[emLen];
        System.arraycopy(db, 0, em, 0, db.length);
        System.arraycopy(h, 0, em, db.length, hLen);
        em[emLen - 1] = (byte) 0xbc;
        return em;
    }

    /** RFC 8017 §9.1.2 with sLen = hLen. */
    static boolean emsaPssVerify(byte[] mHash, byte[] em, int emBits, String hash) throws GeneralSecurityException {
        int hLen = mHash.length;
        int sLen = hLen;
        int emLen = (emBits + 7) / 8;
        if (em.length != emLen || emLen < hLen + sLen + 2 || em[emLen - 1] != (byte) 0xbc) {
            return false;
        }
        byte[] db = Arrays.copyOfRange(em, 0, emLen - hLen - 1);
        byte[] h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
        int topBits = 8 * emLen - emBits;
        if ((db[0] & (0xff << (8 - topBits)) & 0xff) != 0) {
            return false;
        }
        byte[] mask = mgf1(h, db.length, hash);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xff >>> topBits);
        int psLen = emLen - hLen - sLen - 2;
        for (int i = 0; i < psLen; i++) {
            if (db[i] != 0) {
                return false;
            }
        }
        if (db[psLen] != 1) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(db, db.length - sLen, db.length);
        MessageDigest md = MessageDigest.getInstance(hash);
        md.update(new byte[8]);
        md.update(mHash);
        md.update(salt);
        return MessageDigest.isEqual(md.digest(), h);
    }

    private static byte[] mgf1(byte[] seed, int len, String hash) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(hash);
        byte[] out = new byte[len];
        int off = 0;
        for (int counter = 0; off < len; counter++) {
            md.update(seed);
            md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] block = md.digest();
            int n = Math.min(block.length, len - off);
            System.arraycopy(block, 0, out, off, n);
            off += n;
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] leftPad(byte[] v, int len) {
        if (v.length == len) {
            return v;
        }
        if (v.length > len) {
            return new BigInteger(1, v).toByteArray().length > len ? v : Arrays.copyOfRange(v, v.length - len, v.length);
        }
        byte[] out = new byte[len];
        System.arraycopy(v, 0, out, len - v.length, v.length);
        return out;
    }

    /** Bytes of the RSA modulus of {@code key}. */
    static int modulusLength(RSAKey key) {
        return (key.getModulus().bitLength() + 7) / 8;
    }
}
