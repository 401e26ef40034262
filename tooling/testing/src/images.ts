// The container images the suites run against where a container runtime exists, pinned in one place.
export const IMAGES = {
  mysql: 'mysql:8.4',
  redis: 'redis:7',
  mongo: 'mongo:7',
} as const;
