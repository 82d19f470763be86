package dev.driftguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * SQL text from a file the user named (or {@code -} for standard input), and what went wrong with a file, in
 * words that say what to do.
 */
final class SqlFiles {

    private SqlFiles() {
    }

    /** The text of {@code name}: UTF-8, no NUL bytes. Anything else is a usage error naming the file. */
    static String read(String name) throws UsageException {
        byte[] bytes;
        try (InputStream in = "-".equals(name) ? System.in : Files.newInputStream(Path.of(name))) {
            bytes = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + name);
        } catch (IOException e) {
            throw new UsageException(Files.isDirectory(Path.of(name)) ? name + " is a folder; name the .sql files in it"
                    : "cannot read " + name + ": " + why(e));
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new UsageException(name + " is not a text file (it holds NUL bytes): give driftguard SQL text");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(name + " is not UTF-8 text: save it as UTF-8 (or convert it, e.g. with iconv)");
        }
    }

    /** Why a file operation failed: the JDK says only the path for some of them. */
    static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + ((AccessDeniedException) e).getFile() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder (" + ((NoSuchFileException) e).getFile() + ")";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason() + " (" + ((FileSystemException) e).getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
