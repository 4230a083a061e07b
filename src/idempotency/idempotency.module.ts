import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyPurge } from './idempotency-purge';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyPersonalData } from './idempotency.personal-data';
import { IdempotencyRepository } from './idempotency.repository';

/** Idempotency keys on every write route (SPEC §11). */
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKeyEntity])],
  providers: [
    IdempotencyRepository,
    IdempotencyPurge,
    IdempotencyPersonalData,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
