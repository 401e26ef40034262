// Vitest global setup shared by the adapters' projects. A project names the services it needs with
// `provide: { tokensNeeds: [...] }`; each gets a URL from TOKENS_TEST_<NAME>_URL, else a container started
// for this run (stopped at the end), else a skip reason. TOKENS_REQUIRE turns a missing one into a failure.
import type { TestProject } from 'vitest/node';
import { IMAGES } from './images.js';
import {
  ENV_URL,
  requiredServices,
  type ServiceInfo,
  type ServiceMap,
  type ServiceName,
} from './services.js';

interface Started {
  url: string;
  stop(): Promise<unknown>;
}

async function containerRuntimeProblem(): Promise<string | undefined> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

async function startContainer(name: ServiceName): Promise<Started> {
  if (name === 'mysql') {
    const { MySqlContainer } = await import('@testcontainers/mysql');
    const c = await new MySqlContainer(IMAGES.mysql).withRootPassword('test').start();
    return {
      url: `mysql://root:test@${c.getHost()}:${c.getPort()}/${c.getDatabase()}`,
      stop: () => c.stop(),
    };
  }
  if (name === 'redis') {
    const { RedisContainer } = await import('@testcontainers/redis');
    const c = await new RedisContainer(IMAGES.redis).start();
    return { url: c.getConnectionUrl(), stop: () => c.stop() };
  }
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const c = await new MongoDBContainer(IMAGES.mongo).start();
  return { url: `${c.getConnectionString()}?directConnection=true`, stop: () => c.stop() };
}

export default async function setup(project: TestProject) {
  const needs = project.getProvidedContext().tokensNeeds ?? [];
  const required = requiredServices();
  const services: ServiceMap = {};
  const started: Started[] = [];
  let runtimeProblem: string | undefined | null = null;

  for (const name of needs) {
    const fromEnv = process.env[ENV_URL[name]];
    let info: ServiceInfo;
    if (fromEnv) {
      info = { url: fromEnv, source: 'env' };
    } else {
      runtimeProblem ??= await containerRuntimeProblem();
      if (runtimeProblem === undefined) {
        const container = await startContainer(name);
        started.push(container);
        info = { url: container.url, source: 'container' };
      } else {
        info = {
          source: 'none',
          skipReason: `no ${ENV_URL[name]} and no container runtime (${runtimeProblem})`,
        };
      }
    }
    if (!info.url && required.has(name)) {
      throw new Error(`[testing] ${name} is required (TOKENS_REQUIRE) but missing: ${info.skipReason}`);
    }
    const where = info.url ? `${info.source}` : `SKIPPED: ${info.skipReason}`;
    console.log(`[testing] ${project.name}: ${name} from ${where}`);
    services[name] = info;
  }
  project.provide('tokensServices', services);

  return async () => {
    await Promise.all(started.map((c) => c.stop()));
  };
}
