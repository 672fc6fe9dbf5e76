import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI where it can run (prisma generate here; migrate deploy where the
// schema engine binary can be downloaded). The application applies migrations itself.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test' },
});
