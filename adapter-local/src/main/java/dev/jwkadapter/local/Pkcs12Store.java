package dev.jwkadapter.local;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The files of one key directory: the PKCS#12 store, its lock file and the generated password file.
 *
 * <p>Guarantees: the directory is created 0700 and every file 0600 where the file system is POSIX;
 * the store is only ever replaced whole, by a temporary file in the same directory that is fsynced
 * and then renamed with {@code ATOMIC_MOVE}, so a reader sees the old or the new store and a crash
 * leaves at worst a stray {@code *.tmp} file (deleted by the next writer). Each replacement has a
 * modification time later than the file it replaces, so {@link #stamp()} tells every version apart
 * even when inode numbers are reused or the clock stands still. Writers hold a JVM-wide
 * lock per directory plus an exclusive {@link FileLock} on the lock file, so instances in this and in
 * other processes serialize their read-modify-write cycles. Thread-safe.
 */
final class Pkcs12Store {

    /** The store file's identity: when any of these changes, the store was replaced. */
    record Stamp(@Nullable Object fileKey, FileTime modified, long size) {}

    /** A store read from disk and the stamp the file had before it was read. */
    record Loaded(KeyStore keyStore, Stamp stamp) {}

    /** A step run while the directory is locked. */
    @FunctionalInterface
    interface LockedAction<T> {
        T run() throws IOException, GeneralSecurityException;
    }

    static final String LOCK_FILE = "keys.p12.lock";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Set<PosixFilePermission> DIR_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final Path storeFile;
    private final Path lockFile;
    private final Path passwordFile;
    private final boolean posix;
    private final ReentrantLock jvmLock;

    private Pkcs12Store(Path directory, boolean posix) throws IOException {
        this.directory = directory;
        this.storeFile = directory.resolve(LocalKeyProvider.STORE_FILE);
        this.lockFile = directory.resolve(LOCK_FILE);
        this.passwordFile = directory.resolve(LocalKeyProvider.PASSWORD_FILE);
        this.posix = posix;
        this.jvmLock = JVM_LOCKS.computeIfAbsent(directory.toRealPath(), p -> new ReentrantLock());
    }

    /**
     * Opens a key directory, creating it (0700) if it does not exist.
     *
     * @throws KeyProviderException ({@code FAILED}) when the directory cannot be created or is not one
     */
    static Pkcs12Store open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(abs)) {
                Path parent = abs.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                boolean posixParent = Files.getFileStore(parent == null ? abs.getRoot() : parent)
                        .supportsFileAttributeView(PosixFileAttributeView.class);
                try {
                    if (posixParent) {
                        Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR_PERMISSIONS));
                        Files.setPosixFilePermissions(abs, DIR_PERMISSIONS); // in case a umask removed bits we wanted
                    } else {
                        Files.createDirectory(abs);
                    }
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(abs)) {
                        throw e;
                    }
                }
            }
            boolean posix = Files.getFileStore(abs).supportsFileAttributeView(PosixFileAttributeView.class);
            return new Pkcs12Store(abs, posix);
        } catch (IOException e) {
            throw new KeyProviderException(Reason.FAILED,
                    "cannot create or open the key directory " + abs + ": " + e + "; check the path and its permissions", e);
        }
    }

    Path directory() {
        return directory;
    }

    Path storeFile() {
        return storeFile;
    }

    /**
     * Runs {@code action} holding this JVM's lock for the directory and the exclusive file lock.
     *
     * @throws KeyProviderException ({@code FAILED}) on I/O and JCA failures, with the cause
     */
    <T> T locked(LockedAction<T> action) {
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                fileAttributes())) {
            FileLock fileLock = channel.lock();
            try {
                return action.run();
            } finally {
                fileLock.release();
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyProviderException(Reason.FAILED, "key store " + storeFile + " could not be updated: " + e, e);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * The store file's current stamp, or {@code null} when there is no store file.
     *
     * @throws KeyProviderException ({@code UNAVAILABLE}) when the file system cannot be asked
     */
    @Nullable Stamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(storeFile, BasicFileAttributes.class);
            return new Stamp(a.fileKey(), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new KeyProviderException(Reason.UNAVAILABLE, "cannot check the key store " + storeFile + ": " + e, e);
        }
    }

    boolean exists() {
        return Files.exists(storeFile);
    }

    /**
     * Reads the store, or returns {@code null} when there is none. The stamp is taken before the read,
     * so a store replaced meanwhile is noticed by the next check.
     *
     * @throws KeyProviderException {@code UNAUTHORIZED} for a wrong password, {@code FAILED} for an
     *     unreadable or corrupted file
     */
    @Nullable Loaded load(char[] password) {
        Stamp stamp = stamp();
        if (stamp == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(storeFile);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new KeyProviderException(Reason.FAILED, "cannot read the key store " + storeFile + ": " + e, e);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(bytes), password);
            return new Loaded(ks, stamp);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyProviderException(Reason.UNAUTHORIZED, "the password does not open the key store " + storeFile
                        + ": give the password it was created with (builder password(...), environment variable "
                        + LocalKeyProvider.PASSWORD_ENV + ", or the file " + LocalKeyProvider.PASSWORD_FILE + ")", e);
            }
            throw corrupted(e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw corrupted(e);
        }
    }

    private KeyProviderException corrupted(Exception e) {
        return new KeyProviderException(Reason.FAILED, "the key store " + storeFile + " is not a readable PKCS#12 file ("
                + e.getClass().getSimpleName() + "): restore it from a backup, or move it away to start with new keys", e);
    }

    /**
     * Replaces the store atomically with {@code keyStore}. Call only while {@link #locked locked}.
     *
     * @return the new file's stamp
     */
    Stamp write(KeyStore keyStore, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        keyStore.store(buf, password);
        Stamp before = stamp();
        FileTime floor = before == null ? null : before.modified();
        replace(storeFile, buf.toByteArray(), floor);
        Stamp stamp = stamp();
        if (stamp == null) {
            throw new NoSuchFileException(storeFile.toString(), null, "vanished right after it was written");
        }
        if (floor != null && stamp.modified().compareTo(floor) <= 0) {
            // a file system with coarse timestamps truncated the bump below: step a whole second
            Files.setLastModifiedTime(storeFile, FileTime.from(floor.toInstant().plusSeconds(1)));
            stamp = Objects.requireNonNull(stamp(), "store file");
        }
        return stamp;
    }

    /** Deletes temporary files a crashed writer left behind. Call only while {@link #locked locked}. */
    void deleteLeftoverTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.startsWith(LocalKeyProvider.STORE_FILE + ".") || name.startsWith(LocalKeyProvider.PASSWORD_FILE + ".")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The generated password: read from the password file, or, when there is neither a password file
     * nor a store, created (32 random bytes, base64url) with owner-only permissions. Call only while
     * {@link #locked locked}.
     *
     * @throws KeyProviderException ({@code UNAUTHORIZED}) when a store exists but no password does
     */
    char[] readOrCreatePassword(SecureRandom random) throws IOException {
        if (Files.exists(passwordFile, LinkOption.NOFOLLOW_LINKS)) {
            byte[] raw = Files.readAllBytes(passwordFile);
            try {
                String text = new String(raw, StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    throw new KeyProviderException(Reason.UNAUTHORIZED, "the password file " + passwordFile
                            + " is empty: restore it, or give the password through " + LocalKeyProvider.PASSWORD_ENV);
                }
                return text.toCharArray();
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
        if (exists()) {
            throw new KeyProviderException(Reason.UNAUTHORIZED, "the key store " + storeFile + " exists but no password was given: "
                    + "set " + LocalKeyProvider.PASSWORD_ENV + " or call password(...) on the builder (the file "
                    + LocalKeyProvider.PASSWORD_FILE + " is missing)");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String password = Base64Url.encode(secret);
        Arrays.fill(secret, (byte) 0);
        replace(passwordFile, password.getBytes(StandardCharsets.US_ASCII), null);
        return password.toCharArray();
    }

    /**
     * Write to a temporary file in the directory, fsync, rename over {@code target}, fsync the directory.
     * The new file's modification time is made later than {@code floor} (the replaced file's), so that a
     * replacement is always noticed, even when the file system reuses the inode number and the clock
     * did not move.
     */
    private void replace(Path target, byte[] content, @Nullable FileTime floor) throws IOException {
        Path tmp = Files.createTempFile(directory, target.getFileName() + ".", TEMP_SUFFIX, fileAttributes());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            if (floor != null && Files.getLastModifiedTime(tmp).compareTo(floor) <= 0) {
                Files.setLastModifiedTime(tmp, FileTime.from(floor.toInstant().plusMillis(1)));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + directory + " cannot rename atomically; "
                        + "keep the key directory on a local file system", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        fsyncDirectory();
    }

    private void fsyncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException e) {
            // Not every platform can open or sync a directory (Windows); the rename itself is atomic.
        }
    }

    private FileAttribute<?>[] fileAttributes() {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)} : new FileAttribute<?>[0];
    }

    @Override
    public String toString() {
        return "Pkcs12Store[" + directory + "]";
    }
}
