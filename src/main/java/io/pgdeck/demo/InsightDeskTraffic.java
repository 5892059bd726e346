package io.pgdeck.demo;

import static io.pgdeck.db.insightdesk.Tables.AUDIT_LOGS;
import static io.pgdeck.db.insightdesk.Tables.COMMENTS;
import static io.pgdeck.db.insightdesk.Tables.TICKETS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** The help desk's API: tickets opened, moved along and commented, lists read, every change audited. */
final class InsightDeskTraffic {

    /** Seed: organizations 1..12, agents are users 1..36, customers 37..240. */
    private static final int ORGANIZATIONS = 12;
    private static final int FIRST_CUSTOMER = 37;
    private static final int CUSTOMERS = 204;
    private static final List<String> OPEN_STATES = List.of("OPEN", "IN_PROGRESS", "PENDING");
    private static final List<String> NEXT_STATES = List.of("IN_PROGRESS", "PENDING", "RESOLVED", "CLOSED");

    private final AppPools pools;

    InsightDeskTraffic(AppPools pools) {
        this.pools = pools;
    }

    void request() {
        int dice = ThreadLocalRandom.current().nextInt(10);
        if (dice < 3) {
            openTicket();
        } else if (dice < 7) {
            moveTicket();
        } else {
            listTickets();
        }
    }

    private void openTicket() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long org = 1 + rnd.nextInt(ORGANIZATIONS);
        long customer = FIRST_CUSTOMER + rnd.nextInt(CUSTOMERS);
        pools.dsl(DemoApp.INSIGHTDESK_API).transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Long id = tx.insertInto(TICKETS, TICKETS.TITLE, TICKETS.DESCRIPTION, TICKETS.PRIORITY, TICKETS.ORGANIZATION_ID,
                            TICKETS.CREATED_BY_ID)
                    .values("Export to CSV times out", "Opened through the portal.", rnd.nextBoolean() ? "MEDIUM" : "HIGH",
                            org, customer)
                    .returning(TICKETS.ID).fetchOne(TICKETS.ID);
            audit(tx, "ticket.created", id, customer, org);
        });
    }

    private void moveTicket() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        DSLContext db = pools.dsl(DemoApp.INSIGHTDESK_API);
        var ticket = db.select(TICKETS.ID, TICKETS.ORGANIZATION_ID, TICKETS.ASSIGNEE_ID).from(TICKETS)
                .where(TICKETS.STATUS.in(OPEN_STATES))
                .orderBy(TICKETS.CREATED_AT.desc()).limit(1).offset(rnd.nextInt(40)).fetchOne();
        if (ticket == null) {
            return;
        }
        long agent = ticket.value3() != null ? ticket.value3() : agentOf(ticket.value2());
        db.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.update(TICKETS).set(TICKETS.STATUS, NEXT_STATES.get(rnd.nextInt(NEXT_STATES.size())))
                    .set(TICKETS.ASSIGNEE_ID, agent)
                    .set(TICKETS.FIRST_RESPONSE_AT, DSL.coalesce(TICKETS.FIRST_RESPONSE_AT, currentOffsetDateTime()))
                    .set(TICKETS.UPDATED_AT, currentOffsetDateTime())
                    .where(TICKETS.ID.eq(ticket.value1())).execute();
            tx.insertInto(COMMENTS, COMMENTS.TICKET_ID, COMMENTS.USER_ID, COMMENTS.BODY)
                    .values(ticket.value1(), agent, "Thanks, looking into it.").execute();
            audit(tx, "ticket.updated", ticket.value1(), agent, ticket.value2());
        });
    }

    private void listTickets() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long org = 1 + rnd.nextInt(ORGANIZATIONS);
        DSLContext db = pools.dsl(DemoApp.INSIGHTDESK_API);
        db.selectFrom(TICKETS).where(TICKETS.ORGANIZATION_ID.eq(org)).and(TICKETS.STATUS.eq(OPEN_STATES.get(rnd.nextInt(3))))
                .orderBy(TICKETS.CREATED_AT.desc()).limit(20).fetch();
        db.select(TICKETS.STATUS, count()).from(TICKETS).where(TICKETS.ORGANIZATION_ID.eq(org)).groupBy(TICKETS.STATUS).fetch();
    }

    /** An agent of the organization (the seed gives each three: ids with id % 12 = organization - 1). */
    static long agentOf(long org) {
        return org == 1 ? ORGANIZATIONS : org - 1;
    }

    private static void audit(DSLContext tx, String action, long ticket, long user, long org) {
        tx.insertInto(AUDIT_LOGS, AUDIT_LOGS.ACTION, AUDIT_LOGS.ENTITY_TYPE, AUDIT_LOGS.ENTITY_ID, AUDIT_LOGS.USER_ID,
                        AUDIT_LOGS.ORGANIZATION_ID, AUDIT_LOGS.METADATA)
                .values(action, "ticket", Long.toString(ticket), Long.toString(user), Long.toString(org),
                        JSONB.valueOf("{\"via\": \"api\"}"))
                .execute();
    }
}
