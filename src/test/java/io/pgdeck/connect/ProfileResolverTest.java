package io.pgdeck.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileResolverTest {

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private ConnectionProfile resolve(String connection) {
        return new ProfileResolver(env, home).withWarnings(warnings::add).resolve(connection);
    }

    private Path pgpass(String content) throws IOException {
        Path file = home.resolve(".pgpass");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void nothingGivenMeansLibpqDefaults() {
        ConnectionProfile p = resolve(null);
        String osUser = System.getProperty("user.name");
        assertThat(p.host()).isEqualTo("localhost");
        assertThat(p.port()).isEqualTo(5432);
        assertThat(p.user()).isEqualTo(osUser);
        assertThat(p.database()).isEqualTo(osUser);
        assertThat(p.sslMode()).isEqualTo("prefer");
        assertThat(p.password()).isNull();
        assertThat(warnings).isEmpty();
    }

    @Test
    void environmentFillsWhatIsNotGiven() {
        env.putAll(Map.of("PGHOST", "db.example.com", "PGPORT", "6543", "PGDATABASE", "shop", "PGUSER", "alice",
                "PGPASSWORD", "pw", "PGSSLMODE", "require"));
        assertThat(resolve(null)).isEqualTo(new ConnectionProfile(null, "db.example.com", 6543, "shop", "alice", "pw", "require"));
        ConnectionProfile p = resolve("postgresql://bob@other/crm");
        assertThat(p.host()).isEqualTo("other");
        assertThat(p.user()).isEqualTo("bob");
        assertThat(p.database()).isEqualTo("crm");
        assertThat(p.port()).isEqualTo(6543);
        assertThat(p.password()).isEqualTo("pw");
    }

    @Test
    void uriWithPercentEncodingAndQueryParameters() {
        ConnectionProfile p = resolve("postgresql://us%40er:p%3Ass%2Bw@db.example.com:5433/my%20db?sslmode=verify-full");
        assertThat(p.user()).isEqualTo("us@er");
        assertThat(p.password()).isEqualTo("p:ss+w");
        assertThat(p.host()).isEqualTo("db.example.com");
        assertThat(p.port()).isEqualTo(5433);
        assertThat(p.database()).isEqualTo("my db");
        assertThat(p.sslMode()).isEqualTo("verify-full");

        ConnectionProfile q = resolve("postgres://h/d?user=carol&password=x&dbname=other&host=h2&port=7000&ssl=true");
        assertThat(q).isEqualTo(new ConnectionProfile(null, "h2", 7000, "other", "carol", "x", "require"));
    }

    @Test
    void uriWithIpv6AndHostList() {
        ConnectionProfile p = resolve("postgresql://[::1]:5433,[2001:db8::2]:5434/db");
        assertThat(p.host()).isEqualTo("::1");
        assertThat(p.port()).isEqualTo(5433);
        assertThat(p.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/db");
        assertThat(warnings).singleElement().asString().contains("first host");

        assertThat(resolve("postgresql://a,b:5500/db").port()).isEqualTo(5432);
        assertThat(resolve("postgresql:///db").host()).isEqualTo("localhost");
        assertThat(resolve("postgresql://").database()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void socketDirectoryBecomesLocalhost() {
        assertThat(resolve("postgresql://%2Fvar%2Frun%2Fpostgresql/db").host()).isEqualTo("localhost");
        assertThat(warnings).anyMatch(w -> w.contains("/var/run/postgresql"));
    }

    @Test
    void jdbcUrls() {
        ConnectionProfile p = resolve("jdbc:postgresql://db1:5433,db2/sales?user=dave&password=a%2Bb&sslmode=require&ApplicationName=x");
        assertThat(p).isEqualTo(new ConnectionProfile(null, "db1", 5433, "sales", "dave", "a+b", "require"));
        assertThat(warnings).anyMatch(w -> w.contains("ApplicationName"));

        assertThat(resolve("jdbc:postgresql:inventory").database()).isEqualTo("inventory");
        ConnectionProfile v6 = resolve("jdbc:postgresql://[fe80::1]:6000/x?ssl=true");
        assertThat(v6.host()).isEqualTo("fe80::1");
        assertThat(v6.port()).isEqualTo(6000);
        assertThat(v6.sslMode()).isEqualTo("verify-full");
    }

    @Test
    void keywordValueStrings() {
        ConnectionProfile p = resolve("host=h port = 5444 dbname='my \\'quoted\\' db' user=u\\ x password='' sslmode=disable");
        assertThat(p.host()).isEqualTo("h");
        assertThat(p.port()).isEqualTo(5444);
        assertThat(p.database()).isEqualTo("my 'quoted' db");
        assertThat(p.user()).isEqualTo("u x");
        assertThat(p.password()).isNull();
        assertThat(p.sslMode()).isEqualTo("disable");

        resolve("host=h application_name=psql connect_timeout=3");
        assertThat(warnings).hasSize(2).allMatch(w -> w.startsWith("pgdeck ignores"));
    }

    @Test
    void aBareWordIsADatabaseName() {
        assertThat(resolve("warehouse").database()).isEqualTo("warehouse");
    }

    @Test
    void explicitFlagsWinOverTheConnectionString() {
        ConnectionProfile p = new ProfileResolver(env, home)
                .resolve("postgresql://u@h:1111/d", Map.of("host", "flaghost", "port", "2222"));
        assertThat(p.host()).isEqualTo("flaghost");
        assertThat(p.port()).isEqualTo(2222);
        assertThat(p.user()).isEqualTo("u");
    }

    @Test
    void aDatabaseNameThatIsAConnectionStringIsExpandedAsPsqlDoes() {
        ConnectionProfile p = new ProfileResolver(env, home).resolve(null,
                Map.of("dbname", "postgresql://alice:pw@db1:5433/shop?sslmode=require"));
        assertThat(p.describe()).isEqualTo("alice@db1:5433/shop");
        assertThat(p.password()).isEqualTo("pw");
        assertThat(p.sslMode()).isEqualTo("require");
        assertThat(new ProfileResolver(env, home).resolve(null, Map.of("dbname", "host=db2 dbname=shop")).describe())
                .endsWith("@db2:5432/shop");
    }

    @Test
    void badInputIsOneSentenceWithoutThePassword() {
        assertThatThrownBy(() -> resolve("postgresql://u:s3cret@[::1/db")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IPv6").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> resolve("postgresql://u:s3cret%zz@h/db")).hasMessageContaining("%")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> resolve("postgresql://h/db?colour=blue")).hasMessageContaining("\"colour\"");
        assertThatThrownBy(() -> resolve("postgresql://h/db?sslmode")).hasMessageContaining("=value");
        assertThatThrownBy(() -> resolve("mysql://u:s3cret@h/db")).hasMessageStartingWith("Not a PostgreSQL connection string")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> resolve("host=h colour=blue")).hasMessage("\"colour\" is not a libpq connection option.");
        assertThatThrownBy(() -> resolve("host=h dbname")).hasMessageContaining("without \"=value\"");
        assertThatThrownBy(() -> resolve("host=h password='s3cret")).hasMessageContaining("unterminated")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> resolve("postgresql://h:port/db")).hasMessage("The port is not a number between 1 and 65535.");
        assertThatThrownBy(() -> resolve("postgresql://h/db?sslmode=sometimes")).hasMessageContaining("sslmode");
        assertThatThrownBy(() -> resolve("postgresql://h:5432:1/db")).hasMessageContaining("port is not a number");
        assertThatThrownBy(() -> resolve("postgresql://[::1]x/db")).hasMessageContaining("unexpected \"x\"");
    }

    @Test
    void serviceFileEntriesSitBetweenExplicitValuesAndTheEnvironment() throws IOException {
        Files.writeString(home.resolve(".pg_service.conf"), """
                # production
                [prod]
                host=prod.example.com
                port=6432
                dbname=shop
                user=svc

                [other]
                host=wrong
                """);
        env.put("PGHOST", "envhost");
        env.put("PGUSER", "envuser");
        env.put("PGSSLMODE", "require");
        ConnectionProfile p = resolve("service=prod user=me");
        assertThat(p.name()).isEqualTo("prod");
        assertThat(p.host()).isEqualTo("prod.example.com");
        assertThat(p.port()).isEqualTo(6432);
        assertThat(p.user()).isEqualTo("me");
        assertThat(p.sslMode()).isEqualTo("require");

        env.put("PGSERVICE", "prod");
        assertThat(resolve(null).host()).isEqualTo("prod.example.com");
        assertThat(resolve("postgresql://?service=other").host()).isEqualTo("wrong");
    }

    @Test
    void serviceFileFromPgServiceFileThenSysconfdir() throws IOException {
        Path own = home.resolve("own.conf");
        Files.writeString(own, "[a]\nhost=from-own\n");
        Path sysconf = Files.createDirectories(home.resolve("etc"));
        Files.writeString(sysconf.resolve("pg_service.conf"), "[a]\nhost=from-system\n[b]\nhost=system-b\n");
        env.put("PGSERVICEFILE", own.toString());
        env.put("PGSYSCONFDIR", sysconf.toString());
        assertThat(resolve("service=a").host()).isEqualTo("from-own");
        assertThat(resolve("service=b").host()).isEqualTo("system-b");
        assertThatThrownBy(() -> resolve("service=nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service \"nope\" is not defined in " + own + " or " + sysconf.resolve("pg_service.conf") + ".");
    }

    @Test
    void unknownServiceWithoutAnyFile() {
        assertThatThrownBy(() -> resolve("postgresql://h/db?service=ghost"))
                .hasMessageStartingWith("Service \"ghost\" is not defined in " + home.resolve(".pg_service.conf"));
    }

    @Test
    void badServiceFileLineNamesTheLine() throws IOException {
        Files.writeString(home.resolve(".pg_service.conf"), "[s]\nhost=h\nnonsense\n");
        assertThatThrownBy(() -> resolve("service=s")).hasMessageContaining("line 3");
    }

    @Test
    void passwordFromPgpassWhenNoneGiven() throws IOException {
        pgpass("""
                # comment
                other:5432:*:alice:wrong
                db.example.com:5432:*:alice:first
                db.example.com:5432:*:alice:second
                *:*:*:*:fallback
                """);
        assertThat(resolve("postgresql://alice@db.example.com/shop").password()).isEqualTo("first");
        assertThat(resolve("postgresql://bob@anywhere:1234/x").password()).isEqualTo("fallback");
        assertThat(resolve("postgresql://alice:given@db.example.com/shop").password()).isEqualTo("given");
        env.put("PGPASSWORD", "fromenv");
        assertThat(resolve("postgresql://alice@db.example.com/shop").password()).isEqualTo("fromenv");
    }

    @Test
    void pgpassEscapesAndDefaultHost() throws IOException {
        pgpass("localhost:5432:db\\:colon:u\\\\back:p\\:w\\\\d:ignored-after-colon\n");
        assertThat(resolve("dbname=db:colon user=u\\\\back").password()).isEqualTo("p:w\\d");
    }

    @Test
    void pgpassFileFromPgpassfileAndPassfile() throws IOException {
        Path custom = home.resolve("custom-pgpass");
        Files.writeString(custom, "*:*:*:*:custom\n");
        Files.setPosixFilePermissions(custom, PosixFilePermissions.fromString("rw-------"));
        env.put("PGPASSFILE", custom.toString());
        assertThat(resolve("host=h").password()).isEqualTo("custom");
        Path other = home.resolve("other-pgpass");
        Files.writeString(other, "*:*:*:*:other\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        assertThat(resolve("host=h passfile=" + other).password()).isEqualTo("other");
    }

    @Test
    void pgpassReadableByOthersIsSkippedWithAWarning() throws IOException {
        Path file = pgpass("*:*:*:*:secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(resolve("host=h").password()).isNull();
        assertThat(warnings).singleElement().asString().contains("group or world access").contains(file.toString());
    }

    @Test
    void pgpassLineMatching() {
        String[] wanted = {"h", "5432", "db", "u"};
        assertThat(PgPassFile.match("h:5432:db:u:pw", wanted)).contains("pw");
        assertThat(PgPassFile.match("*:*:*:*:pw", wanted)).contains("pw");
        assertThat(PgPassFile.match("h:5433:db:u:pw", wanted)).isEmpty();
        assertThat(PgPassFile.match("hh:5432:db:u:pw", wanted)).isEmpty();
        assertThat(PgPassFile.match("h:5432:db:u", wanted)).isEmpty();
        assertThat(PgPassFile.match("h:5432:db:u:", wanted)).contains("");
        assertThat(PgPassFile.match("h*:5432:db:u:pw", wanted)).isEmpty();
    }
}
