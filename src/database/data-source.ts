import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/environment.variables';
import { typeOrmOptions } from './typeorm-options';

/**
 * DataSource for the TypeORM CLI (`migration:generate`, `migration:show`, drift check), built
 * from the same validated settings as the app. It needs `DATABASE_URL`: generating migrations
 * against the embedded database is not supported (use `npm run cli -- migration:run` there).
 */
const env = loadEnvironment();
if (!env.DATABASE_URL) {
  throw new Error('DATABASE_URL must be set for the TypeORM CLI');
}
export default new DataSource(typeOrmOptions({ url: env.DATABASE_URL, poolSize: 2 }));
