package io.pgdeck.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Identifiers the seed files derive, so Java code can refer to the same users. */
final class DemoIds {

    /** Users in {@code seed/01_streamvibe_jobs.sql}: {@code md5('user-' || n)::uuid} for n in 0..179. */
    static final int STREAMVIBE_USERS = 180;

    private DemoIds() {
    }

    static UUID streamVibeUser(int n) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(("user-" + n).getBytes(StandardCharsets.UTF_8));
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (md5[i] & 0xff);
                lo = (lo << 8) | (md5[i + 8] & 0xff);
            }
            return new UUID(hi, lo);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
