package io.ferrum.sequencer.cluster;

import io.aeron.cluster.service.ClientSession;
import io.aeron.security.Authenticator;
import io.aeron.security.AuthenticatorSupplier;
import io.aeron.security.SessionProxy;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Cluster ingress authentication for admin commands (SetRiskLimit, SetTradingState, KillSwitch).
 * <p>
 * A client presents, as its connect credentials, either nothing or {@code feed} (the sequencer and
 * the gateway: principal {@link #FEED_PRINCIPAL}), or {@code admin:<token>} (principal
 * {@link #ADMIN_PRINCIPAL}) where the token must equal the one the members were started with,
 * {@code FERRUM_ADMIN_TOKEN} from the environment. A wrong token, an admin credential while no
 * token is configured, or any other credential is refused at connect. The service then drops
 * every admin-template message from a session whose principal is not admin
 * ({@link #isAdminTemplate}, {@link #isAdmin}): the principal is in the log's session-open
 * event, so every member and every replay make the same decision.
 */
public final class AdminAuthenticator implements Authenticator
{
    /** Where the members and {@code ./ferrum admin} read the admin token. */
    public static final String TOKEN_ENV = "FERRUM_ADMIN_TOKEN";
    public static final String ADMIN_PREFIX = "admin:";
    public static final byte[] FEED_CREDENTIALS = "feed".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] ADMIN_PRINCIPAL = "admin".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] FEED_PRINCIPAL = "feed".getBytes(StandardCharsets.US_ASCII);
    /** Shortest token accepted: a guessable token is worse than none. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final byte[] REJECTED = new byte[0];
    private static final int SCHEMA_ID_OFFSET = 4;
    private static final int TEMPLATE_ID_OFFSET = 2;

    private final byte[] token;
    private final Long2ObjectHashMap<byte[]> decided = new Long2ObjectHashMap<>();

    private AdminAuthenticator(final byte[] token)
    {
        this.token = token;
    }

    /**
     * @param token the admin token, or null / empty to disable admin commands
     * @throws IllegalArgumentException when the token is shorter than {@link #MIN_TOKEN_LENGTH}
     */
    public static AuthenticatorSupplier supplier(final String token)
    {
        final byte[] bytes = validToken(token);
        return () -> new AdminAuthenticator(bytes);
    }

    /** The token from {@link #TOKEN_ENV}, or null when unset. */
    public static String environmentToken()
    {
        return System.getenv(TOKEN_ENV);
    }

    /** What a member prints at start about admin commands. */
    public static String startupMessage(final String token)
    {
        return validToken(token) == null ?
            "admin commands are disabled: " + TOKEN_ENV + " is not set, so no session may send SetRiskLimit, " +
                "SetTradingState or KillSwitch (set it to a secret of at least " + MIN_TOKEN_LENGTH +
                " characters on the members and for ./ferrum admin)" :
            "admin commands are enabled for sessions presenting the " + TOKEN_ENV + " token";
    }

    private static byte[] validToken(final String token)
    {
        if (token == null || token.isEmpty())
        {
            return null;
        }
        if (token.length() < MIN_TOKEN_LENGTH)
        {
            throw new IllegalArgumentException(
                TOKEN_ENV + " must be at least " + MIN_TOKEN_LENGTH + " characters, found " + token.length());
        }
        return token.getBytes(StandardCharsets.UTF_8);
    }

    /** Connect credentials of an admin client. */
    public static byte[] adminCredentials(final String token)
    {
        return (ADMIN_PREFIX + token).getBytes(StandardCharsets.UTF_8);
    }

    /** True for the principal of a session that presented the admin token. */
    public static boolean isAdmin(final ClientSession session)
    {
        return session != null && Arrays.equals(ADMIN_PRINCIPAL, session.encodedPrincipal());
    }

    /** True for a Ferrum SetRiskLimit, SetTradingState or KillSwitch message. */
    public static boolean isAdminTemplate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH ||
            (buffer.getShort(offset + SCHEMA_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) !=
                MessageHeaderDecoder.SCHEMA_ID)
        {
            return false;
        }
        final int templateId = buffer.getShort(offset + TEMPLATE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        return templateId == SetRiskLimitDecoder.TEMPLATE_ID || templateId == SetTradingStateDecoder.TEMPLATE_ID ||
            templateId == KillSwitchDecoder.TEMPLATE_ID;
    }

    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        decided.put(sessionId, principalOf(encodedCredentials));
    }

    private byte[] principalOf(final byte[] credentials)
    {
        if (credentials == null || credentials.length == 0 || Arrays.equals(FEED_CREDENTIALS, credentials))
        {
            return FEED_PRINCIPAL;
        }
        final byte[] prefix = ADMIN_PREFIX.getBytes(StandardCharsets.US_ASCII);
        if (token != null && credentials.length > prefix.length &&
            Arrays.equals(prefix, Arrays.copyOf(credentials, prefix.length)) &&
            MessageDigest.isEqual(token, Arrays.copyOfRange(credentials, prefix.length, credentials.length)))
        {
            return ADMIN_PRINCIPAL;
        }
        return REJECTED;
    }

    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        // Never challenges.
        decided.put(sessionId, REJECTED);
    }

    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        decide(sessionProxy);
    }

    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        decide(sessionProxy);
    }

    private void decide(final SessionProxy sessionProxy)
    {
        final byte[] principal = decided.remove(sessionProxy.sessionId());
        if (principal == null || principal == REJECTED)
        {
            sessionProxy.reject();
        }
        else
        {
            sessionProxy.authenticate(principal);
        }
    }
}
