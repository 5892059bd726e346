// What BullMQ's worker delivers next: the real BullMQ (5.81.5, in BULLMQ_NODE) takes jobs with
// Worker.getNextJob(token) from a queue in a Redis on 127.0.0.1 and completes each at once.
//
//   node take.mjs <port> <prefix> <queue> <token> <how many: a number or "all">
//
// Prints the ids taken, in order, as a JSON array ([] when the worker got none).
import { createRequire } from 'node:module';

const [port, prefix, queueName, token, howMany] = process.argv.slice(2);
const { Worker } = createRequire(process.env.BULLMQ_NODE + '/')('bullmq');
const connection = { host: '127.0.0.1', port: Number(port) };

const worker = new Worker(queueName, null, { connection, prefix, autorun: false });
const taken = [];
try {
  const limit = howMany === 'all' ? Infinity : Number(howMany);
  while (taken.length < limit) {
    const job = await worker.getNextJob(token, { block: false });
    if (!job) break;
    taken.push(job.id);
    await job.moveToCompleted(null, token, false);
  }
} finally {
  await worker.close();
}
process.stdout.write(JSON.stringify(taken) + '\n');
