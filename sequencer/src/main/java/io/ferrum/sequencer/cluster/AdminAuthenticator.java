package io.ferrum.sequencer.cluster;

import io.aeron.Aeron;
import io.aeron.Counter;
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
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

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
 * <p>
 * Every refused connect is logged by the member (session id and why, never the credential)
 * and counted in the Aeron counter {@link #REFUSED_TYPE_ID} keyed by member id, which
 * {@code ./ferrum replicas} and any CnC reader show: a run of refusals is someone guessing.
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

    /** Aeron counter type of the refused-connect count; key: the member id. */
    public static final int REFUSED_TYPE_ID = 73_013;

    private static final Logger LOG = LogManager.getLogger(AdminAuthenticator.class);
    private static final byte[] REJECTED = new byte[0];
    private static final int SCHEMA_ID_OFFSET = 4;
    private static final int TEMPLATE_ID_OFFSET = 2;

    private final byte[] token;
    private final Counter refused;
    private final Long2ObjectHashMap<byte[]> decided = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<String> refusalReasons = new Long2ObjectHashMap<>();

    private AdminAuthenticator(final byte[] token, final Counter refused)
    {
        this.token = token;
        this.refused = refused;
    }

    /**
     * @param token the admin token, or null / empty to disable admin commands
     * @param aeron the consensus module's client, asked only when the supplier is called (the
     *              module calls it once its context has concluded), for the refusal counter
     * @throws IllegalArgumentException when the token is shorter than {@link #MIN_TOKEN_LENGTH}
     */
    public static AuthenticatorSupplier supplier(final String token, final java.util.function.Supplier<Aeron> aeron,
        final int memberId)
    {
        final byte[] bytes = validToken(token);
        return () -> new AdminAuthenticator(bytes, refusedCounter(aeron.get(), memberId));
    }

    /** Checks a token the way the members will, before anything starts. */
    public static void validate(final String token)
    {
        validToken(token);
    }

    private static Counter refusedCounter(final Aeron aeron, final int memberId)
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[Integer.BYTES]);
        key.putInt(0, memberId);
        final String label = "ferrum admin connects refused: member=" + memberId;
        final UnsafeBuffer labelBuffer = new UnsafeBuffer(new byte[label.length()]);
        labelBuffer.putStringWithoutLengthAscii(0, label);
        return aeron.addCounter(REFUSED_TYPE_ID, key, 0, key.capacity(), labelBuffer, 0, label.length());
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
        final byte[] principal = principalOf(encodedCredentials);
        decided.put(sessionId, principal);
        if (REJECTED == principal)
        {
            refusalReasons.put(sessionId, refusalReason(encodedCredentials));
        }
    }

    private byte[] principalOf(final byte[] credentials)
    {
        if (credentials == null || credentials.length == 0 || Arrays.equals(FEED_CREDENTIALS, credentials))
        {
            return FEED_PRINCIPAL;
        }
        if (token != null && isAdminCredential(credentials) && MessageDigest.isEqual(
            token, Arrays.copyOfRange(credentials, ADMIN_PREFIX.length(), credentials.length)))
        {
            return ADMIN_PRINCIPAL;
        }
        return REJECTED;
    }

    private static boolean isAdminCredential(final byte[] credentials)
    {
        final byte[] prefix = ADMIN_PREFIX.getBytes(StandardCharsets.US_ASCII);
        return credentials.length > prefix.length && Arrays.equals(prefix, Arrays.copyOf(credentials, prefix.length));
    }

    private String refusalReason(final byte[] credentials)
    {
        if (!isAdminCredential(credentials))
        {
            return "unknown credential of " + credentials.length + " bytes";
        }
        return null == token ? "admin credential while " + TOKEN_ENV + " is not set on this member" : "wrong admin token";
    }

    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        // Never challenges.
        decided.put(sessionId, REJECTED);
        refusalReasons.put(sessionId, "unexpected challenge response");
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
        final long sessionId = sessionProxy.sessionId();
        final byte[] principal = decided.remove(sessionId);
        if (principal == null || principal == REJECTED)
        {
            final String reason = refusalReasons.remove(sessionId);
            refused.increment();
            LOG.warn("refused cluster session {}: {} ({} refused since start)",
                sessionId, null == reason ? "no connect request seen" : reason, refused.get());
            sessionProxy.reject();
        }
        else
        {
            sessionProxy.authenticate(principal);
        }
    }
}
