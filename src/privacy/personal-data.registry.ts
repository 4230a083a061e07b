import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ErasureSubject,
  PERSONAL_DATA_POLICY,
  type PersonalDataHolder,
} from './personal-data';

/**
 * Every place that holds personal data, as the modules declare it (their `@PersonalDataPolicy()`
 * providers, found at bootstrap), and the one way to erase a contact from all of them. Starting
 * fails when a table of the database is declared by no module, or by two.
 */
@Injectable()
export class PersonalDataRegistry implements OnModuleInit {
  private holders: { name: string; holder: PersonalDataHolder }[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.holders = this.discovery
      .getProviders()
      .filter(
        ({ metatype, instance }) =>
          metatype && instance && this.reflector.get<boolean>(PERSONAL_DATA_POLICY, metatype),
      )
      .map(({ metatype, instance }) => ({
        name: (metatype as { name: string }).name,
        holder: instance as PersonalDataHolder,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const problems = undeclaredTables(
      this.dataSource.entityMetadatas.map((metadata) => metadata.tableName),
      this.holders.map(({ name, holder }) => ({ name, tables: Object.keys(holder.tables) })),
    );
    if (problems.length > 0) throw new Error(`Personal data: ${problems.join('; ')}`);
  }

  /** Each table and what an erasure does to it, by module: for the documentation and the tests. */
  describe(): Record<string, string> {
    return Object.fromEntries(this.holders.flatMap(({ holder }) => Object.entries(holder.tables)));
  }

  /** Erases the subject from every table that holds personal data, in the caller's transaction. */
  async erase(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    for (const { holder } of this.holders) await holder.erase?.(manager, subject);
  }
}

/** The tables no policy declares, and those two declare. */
export function undeclaredTables(
  tables: string[],
  policies: { name: string; tables: string[] }[],
): string[] {
  const declaredBy = new Map<string, string[]>();
  for (const { name, tables: declared } of policies) {
    for (const table of declared) declaredBy.set(table, [...(declaredBy.get(table) ?? []), name]);
  }
  const problems: string[] = [];
  for (const table of [...new Set(tables)].sort()) {
    const owners = declaredBy.get(table) ?? [];
    if (owners.length === 0) problems.push(`table ${table} is declared by no PersonalDataPolicy`);
    if (owners.length > 1) problems.push(`table ${table} is declared by ${owners.join(' and ')}`);
  }
  return problems;
}
