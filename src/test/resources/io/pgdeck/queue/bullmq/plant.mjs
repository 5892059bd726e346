// pgdeck's test planter: jobs written by the real BullMQ (5.81.5, installed from npm by the
// tests into BULLMQ_NODE) through its public API, in a Redis on 127.0.0.1.
//
//   node plant.mjs <port> <prefix> <queue>   < steps (JSON array)   > {"<key>": "<job id>", ...}
//
// Steps, run in order; "at" (epoch millis, optional) is the clock BullMQ reads (Date.now) while
// the step runs, so a job can have been added or finished days ago:
//   {"op":"add","key":"w1","name":"w1","data":{...},"opts":{"priority":5,"delay":60000,"attempts":1},"at":...}
//   {"op":"addMany","count":1001,"name":"n","data":{}}              Queue.addBulk, no keys kept
//   {"op":"take","key":"a","token":"worker:1","at":...}              Worker.getNextJob(token); fails unless it is job "key"
//   {"op":"complete","key":"c","token":"worker:1","returnvalue":{...},"at":...}   Job.moveToCompleted
//   {"op":"fail","key":"f","token":"worker:1","reason":"...","stack":"Error: ...","at":...}   Job.moveToFailed
//   {"op":"pause"} / {"op":"resume"}                                 Queue.pause / Queue.resume
import { createRequire } from 'node:module';

const [port, prefix, queueName] = process.argv.slice(2);
const { Queue, Worker, Job } = createRequire(process.env.BULLMQ_NODE + '/')('bullmq');
const connection = { host: '127.0.0.1', port: Number(port) };

let steps = '';
for await (const chunk of process.stdin) steps += chunk;
steps = JSON.parse(steps);

const realNow = Date.now;
let clock = null;
Date.now = () => (clock === null ? realNow() : clock);

const queue = new Queue(queueName, { connection, prefix });
// no processor and no autorun: jobs are taken and ended here as a worker's own code would
const worker = new Worker(queueName, null, { connection, prefix, autorun: false, lockDuration: 600_000 });
const ids = {};
const held = {};
try {
  for (const step of steps) {
    clock = step.at ?? null;
    switch (step.op) {
      case 'add': {
        const job = await queue.add(step.name, step.data ?? {}, step.opts ?? {});
        ids[step.key] = job.id;
        break;
      }
      case 'addMany':
        await queue.addBulk(Array.from({ length: step.count }, () => ({ name: step.name, data: step.data ?? {} })));
        break;
      case 'take': {
        const job = await worker.getNextJob(step.token, { block: false });
        if (!job || job.id !== ids[step.key]) {
          throw new Error(`the worker took ${job?.id} instead of ${step.key} (${ids[step.key]})`);
        }
        held[step.key] = job;
        break;
      }
      case 'complete':
        await held[step.key].moveToCompleted(step.returnvalue ?? null, step.token, false);
        break;
      case 'fail': {
        const err = new Error(step.reason);
        err.stack = step.stack ?? err.stack;
        await held[step.key].moveToFailed(err, step.token, false);
        break;
      }
      case 'pause':
        await queue.pause();
        break;
      case 'resume':
        await queue.resume();
        break;
      default:
        throw new Error('unknown step ' + JSON.stringify(step));
    }
  }
} finally {
  clock = null;
  await worker.close();
  await queue.close();
}
process.stdout.write(JSON.stringify(ids) + '\n');
