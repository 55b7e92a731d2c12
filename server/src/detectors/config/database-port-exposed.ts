// Flags docker-compose services that publish a database, cache or Docker daemon port on every host interface
// (`"5432:5432"`): assistants add them for local debugging and they ship to servers reachable from the internet.
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { Detector, DetectorContext } from '../../core/types';

const SERVICES: Record<number, string> = {
  5432: 'PostgreSQL', 3306: 'MySQL', 1433: 'SQL Server', 1521: 'Oracle', 27017: 'MongoDB', 6379: 'Redis', 9200: 'Elasticsearch',
  9300: 'Elasticsearch', 11211: 'Memcached', 5984: 'CouchDB', 8086: 'InfluxDB', 9042: 'Cassandra', 7687: 'Neo4j', 26257: 'CockroachDB',
  2379: 'etcd', 8529: 'ArangoDB', 2375: 'Docker daemon', 2376: 'Docker daemon',
};
/**
 * Images of databases and their admin consoles (registry and tag stripped; Elastic's own registry keeps a folder per
 * product: `docker.elastic.co/elasticsearch/elasticsearch`, `…/kibana/kibana`).
 */
const DATA_IMAGE = /^(?:postgres|postgis\/postgis|mysql|mariadb|mongo|redis|valkey\/valkey|(?:elasticsearch\/)?elasticsearch|opensearchproject\/opensearch(?:-dashboards)?|memcached|couchdb|influxdb|cassandra|neo4j|cockroachdb\/cockroach|bitnami\/[\w-]+|gvenzl\/oracle-[\w-]+|mssql\/server|dpage\/pgadmin4|adminer|phpmyadmin(?:\/phpmyadmin)?|mongo-express|rediscommander\/redis-commander|redis\/redisinsight|(?:kibana\/)?kibana)$/i;
/** A database's own image under another name (`scylladb/scylla`, `microsoft/mssql-server-linux`, `timescale/timescaledb`). */
const DATA_IMAGE_NAME = /^(?:[\w.-]+\/)?(?:scylla|mssql-server[\w-]*|timescaledb[\w-]*|clickhouse-server|cassandra|postgres(?:ql)?|mysql(?:-server)?|mongo(?:db)?|redis(?:-stack(?:-server)?)?|arangodb|neo4j|couchbase(?:-server)?|oracle-(?:xe|free|database)[\w-]*)$/i;

/**
 * A compose file of databases alone (and their admin consoles): the application runs on the host, as a
 * developer runs it, and reaches them through the published ports (budibase's `scripts/integrations/`).
 * A service that is built, or any other image, is an application the file deploys with them.
 */
function databasesOnly(services: YAMLMap): boolean {
  return services.items.every((svc) => {
    if (!isMap(svc.value) || svc.value.has('build')) return false;
    const image = String(svc.value.get('image') ?? '').replace(/^[\w.-]+(?::\d+)?\/(?=[\w-]+\/)/, '').replace(/[:@].*$/, '').replace(/^(?:docker\.io\/)?(?:library\/)?/, '');
    return DATA_IMAGE.test(image) || DATA_IMAGE_NAME.test(image) || (image === '' && publishesDatabase(svc.value));
  });
}

function publishesDatabase(svc: YAMLMap): boolean {
  const ports = svc.get('ports');
  return isSeq(ports) && ports.items.some((p) => isScalar(p) && SERVICES[Number(SHORT.exec(String(p.value))?.[3])] !== undefined);
}

/** A service built for development (`dockerfile: Dockerfile.dev`, `target: development`): the file is a developer's stack. */
function devBuild(services: YAMLMap): boolean {
  return services.items.some((svc) => {
    const build = isMap(svc.value) ? svc.value.get('build') : undefined;
    if (!isMap(build)) return false;
    return /(?:^|[/.-])(?:dev|development|local)$/i.test(String(build.get('dockerfile') ?? '')) || /^(?:dev|development|local)$/i.test(String(build.get('target') ?? ''));
  });
}

const DEV_COMPOSE = /(?:^|\/)(?:docker-)?compose[\w.-]*[.-](?:test|tests|ci|dev|development|local|e2e)(?:[.-][\w.-]*)?\.ya?ml$/i;
// A dev container's compose file (`.devcontainer/docker-compose.yml`) starts the editor's development environment.
const DEV_CONTAINER = /(?:^|\/)\.devcontainer\//;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;
// [ip:]host[-range]:container[/proto] or container alone.
const SHORT = /^(?:(\[[^\]]+\]|\d+\.\d+\.\d+\.\d+|localhost):)?(?:(\d+(?:-\d+)?):)?(\d+)(?:-\d+)?(?:\/\w+)?$/;

export const databasePortExposed: Detector = {
  id: 'database-port-exposed',
  meta: {
    title: 'Database port published on all interfaces',
    family: 'insecure-default',
    severity: 'info',
    confidence: 'medium',
    cwe: ['CWE-1327', 'CWE-284'],
    fixable: true,
    needs: ['yaml'],
  },
  languages: ['yaml'],
  keywords: ['ports'],
  run(ctx: DetectorContext) {
    for (const doc of ctx.yaml() ?? []) {
      const services = doc.get('services');
      if (!isMap(services)) continue;
      // A compose file named for tests or development (`docker-compose.npm-test.yml`, `compose.dev.yaml`), a dev
      // container's, or one that builds its application for development runs on a developer's or a CI machine.
      const devStack = databasesOnly(services) || devBuild(services) || DEV_COMPOSE.test(ctx.path) || DEV_CONTAINER.test(ctx.path);
      for (const svc of services.items) {
        ctx.checkBudget();
        const ports = isMap(svc.value) ? svc.value.get('ports') : undefined;
        if (!isSeq(ports)) continue;
        for (const item of ports.items) {
          let ip: string | undefined;
          let hostPort = true;
          let container: number | undefined;
          let node: Scalar | undefined;
          if (isScalar(item)) {
            const m = SHORT.exec(String(item.value));
            if (!m) continue;
            [ip, container, node] = [m[1], Number(m[3]), item];
            hostPort = m[2] !== undefined;
          } else if (isMap(item)) {
            const target = item.get('target', true);
            if (!isScalar(target)) continue;
            [ip, container, node] = [item.get('host_ip') as string | undefined, Number(target.value), target];
          }
          const name = container !== undefined ? SERVICES[container] : undefined;
          if (!node?.range || !name || (ip && LOOPBACK.test(ip))) continue;
          const [start, end] = node.range;
          const quoted = /["']/.test(ctx.text[start]);
          const daemon = name === 'Docker daemon';
          ctx.report({
            start, end,
            severity: daemon ? 'error' : undefined, confidence: daemon ? 'high' : devStack ? 'low' : undefined,
            message: `This publishes the ${name} port ${container} on every host interface, so anyone who can reach the host can try to connect; bind it to 127.0.0.1 or drop the mapping.`,
            fix: isScalar(item) && hostPort && !ip && typeof item.value === 'string'
              ? { title: 'Vouch: Publish on 127.0.0.1 only', edits: [{ start: start + (quoted ? 1 : 0), end: start + (quoted ? 1 : 0), newText: '127.0.0.1:' }] }
              : undefined,
          });
        }
      }
    }
  },
};
