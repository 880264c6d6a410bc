package io.ferrum.ops.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads an admin token from a file ({@code ./ferrum admin --token-file}): one line, and a file
 * that only its owner can read, as {@code ./ferrum demo} writes it. A token that others can
 * read is no secret, so such a file is refused rather than used.
 */
final class TokenFile
{
    static final int MAX_BYTES = 4096;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private TokenFile()
    {
    }

    /**
     * @return the token, without the line end
     * @throws CommandException naming the file and what is wrong with it: missing (66), readable by others or
     *     unreadable (77), not a token (65)
     */
    static String read(final Path file)
    {
        final byte[] bytes;
        try
        {
            if (!Files.isRegularFile(file))
            {
                throw new CommandException(ExitCodes.NO_INPUT, "--token-file " + file + ": no such file");
            }
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            permissions.retainAll(OTHERS);
            if (!permissions.isEmpty())
            {
                throw new CommandException(ExitCodes.NOT_PERMITTED, "--token-file " + file + ": others may access it (" +
                    permissions +
                    "); make it owner-only with chmod 600");
            }
            if (Files.size(file) > MAX_BYTES)
            {
                throw new CommandException(ExitCodes.DATA, "--token-file " + file + ": larger than " + MAX_BYTES + " bytes, not a token");
            }
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new CommandException(ExitCodes.NOT_PERMITTED, "--token-file " + file + ": cannot read it: " + ex.getMessage());
        }
        final String text;
        try
        {
            text = StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw new CommandException(ExitCodes.DATA, "--token-file " + file + ": not ASCII text");
        }
        final String token = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) :
            text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c == 0x7f))
        {
            throw new CommandException(ExitCodes.DATA, "--token-file " + file + ": expected one line holding the token, without " +
                "spaces or control characters");
        }
        return token;
    }
}
