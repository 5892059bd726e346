package io.pgdeck.connect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's saved connection profiles, as JSON in {@code profiles.json} of the config
 * directory. Passwords are never written: what is stored is a {@link StoredProfile}, which has
 * no field for one, and at connect time the password comes from ~/.pgpass, PGPASSWORD or the
 * dialog.
 */
public final class ProfileStore {

    /** The group of a profile saved without one, or before profiles had groups. */
    public static final String DEFAULT_GROUP = "Servers";

    // a hand-edited file with a "password" still loads: the field is ignored, never read back
    private final JsonConfigFile<ProfilesFile> file;

    public ProfileStore(Path file) {
        this.file = new JsonConfigFile<>(file, ProfilesFile.class, "the saved profiles");
    }

    public static ProfileStore inUserConfigDir() {
        return new ProfileStore(ConfigDir.path().resolve("profiles.json"));
    }

    public Path file() {
        return file.path();
    }

    /** The saved profiles in the order they were first saved, all without password. */
    public synchronized List<ConnectionProfile> list() {
        return read().stream().map(StoredProfile::toProfile).toList();
    }

    /** The saved profiles by group, groups and profiles in the order they were first saved. */
    public synchronized Map<String, List<ConnectionProfile>> grouped() {
        Map<String, List<ConnectionProfile>> groups = new LinkedHashMap<>();
        for (StoredProfile stored : read()) {
            groups.computeIfAbsent(stored.groupOrDefault(), g -> new ArrayList<>()).add(stored.toProfile());
        }
        return groups;
    }

    public synchronized Optional<ConnectionProfile> find(String name) {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Adds the profile, or replaces the one of the same name where it stands, in the group it had. */
    public synchronized void save(ConnectionProfile profile) {
        save(profile, null);
    }

    /** As {@link #save(ConnectionProfile)}, in the given group; {@code null} keeps the group it had. */
    public synchronized void save(ConnectionProfile profile, String group) {
        List<StoredProfile> profiles = new ArrayList<>(read());
        int at = indexOf(profiles, profile.name());
        String kept = group != null && !group.isBlank() ? group.trim()
                : at >= 0 ? profiles.get(at).groupOrDefault() : DEFAULT_GROUP;
        StoredProfile stored = StoredProfile.of(profile, kept);
        if (at >= 0) {
            profiles.set(at, stored);
        } else {
            profiles.add(stored);
        }
        write(profiles);
    }

    /** @return whether a profile of that name existed */
    public synchronized boolean delete(String name) {
        List<StoredProfile> profiles = new ArrayList<>(read());
        int at = indexOf(profiles, name);
        if (at < 0) {
            return false;
        }
        profiles.remove(at);
        write(profiles);
        return true;
    }

    private static int indexOf(List<StoredProfile> profiles, String name) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private List<StoredProfile> read() {
        return file.read().map(ProfilesFile::profiles).orElse(List.of());
    }

    private void write(List<StoredProfile> profiles) {
        file.write(new ProfilesFile(ProfilesFile.CURRENT_VERSION, profiles));
    }

    /** The file as a whole; the version lets a later pgdeck read an older file. */
    record ProfilesFile(int version, List<StoredProfile> profiles) {
        static final int CURRENT_VERSION = 1;
    }

    /** A profile as saved: everything but the password, which has no field here on purpose. */
    record StoredProfile(String name, String host, int port, String database, String user, String sslMode,
                         StoredSsl ssl, Pooler pooler, String group, List<StoredRedis> redis) {

        static StoredProfile of(ConnectionProfile p, String group) {
            SslFiles files = p.ssl();
            return new StoredProfile(p.name(), p.host(), p.port(), p.database(), p.user(), p.sslMode(),
                    new StoredSsl(files.rootCert(), files.cert(), files.key()), p.pooler(), group,
                    p.redis().stream().map(RedisSource::withoutPassword).map(r -> new StoredRedis(r.url(), r.prefix())).toList());
        }

        String groupOrDefault() {
            return group == null || group.isBlank() ? DEFAULT_GROUP : group;
        }

        ConnectionProfile toProfile() {
            return new ConnectionProfile(name, host, port, database, user, null, sslMode,
                    ssl == null ? null : new SslFiles(ssl.rootCert(), ssl.cert(), ssl.key(), null), pooler,
                    redis == null ? List.of() : redis.stream().map(r -> new RedisSource(r.url(), r.prefix())).toList());
        }
    }

    /** A Redis source as saved: its address without the password (REDISCLI_AUTH or the URL given brings it back). */
    record StoredRedis(String url, String prefix) {
    }

    /** The SSL files as saved: no field for the key's password, on purpose. */
    record StoredSsl(String rootCert, String cert, String key) {
    }
}
