package io.pgdeck.demo;

/**
 * One application of the demo workload: the name it reports as application_name, the role it
 * logs in as ({@code null}: the superuser of the demo profile) and its pool size.
 */
record DemoApp(String applicationName, String role, int connections) {

    static final DemoApp STREAMVIBE_API = new DemoApp("streamvibe-api", DemoRoles.STREAMVIBE, 1);
    static final DemoApp STREAMVIBE_WORKER = new DemoApp("streamvibe-worker", DemoRoles.STREAMVIBE, 2);
    /** Four: its own requests, and the three sessions of the lock chain. */
    static final DemoApp INSIGHTDESK_API = new DemoApp("insightdesk-api", DemoRoles.INSIGHTDESK, 4);
    /** Two: its own requests, and the session left idle in transaction. */
    static final DemoApp LEARNING_WEB = new DemoApp("learning-web", DemoRoles.LEARNING, 2);
    /** Connects as the superuser, as too many applications do: something for the DBA to notice. */
    static final DemoApp PAREL = new DemoApp("parel-app", null, 1);
    static final DemoApp REPORTING = new DemoApp("reporting", null, 1);
}
