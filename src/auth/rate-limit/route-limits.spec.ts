import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { OpenAPIObject } from '@nestjs/swagger';
import { validateEnvironment } from '../../config/environment.variables';
import { documentRateLimits } from './document-rate-limits';
import { RateLimit, RouteLimits } from './route-limits';

@Controller('things')
class ThingsController {
  @Get()
  @RateLimit('contactsList')
  list(): void {}

  @Get(':id')
  get(): void {}
}

@RateLimit('contactsGet')
class NamedController {
  one(): void {}
}

const config = validateEnvironment({
  RATE_LIMIT_CONTACTS_LIST: '7',
  RATE_LIMIT_DEFAULT: '11',
  RATE_LIMIT_CONTACTS_GET: '13',
});
const contextOf = (controller: new () => object, handler: string) =>
  new ExecutionContextHost(
    [],
    controller,
    (controller.prototype as Record<string, () => void>)[handler],
  );

describe('RouteLimits', () => {
  it('gives a named route its setting and any other route the default, counted per route', () => {
    const limits = new RouteLimits(new Reflector(), config);
    expect(limits.of(contextOf(ThingsController, 'list'))).toEqual({
      name: 'contactsList',
      setting: 'RATE_LIMIT_CONTACTS_LIST',
      perMinute: 7,
    });
    expect(limits.of(contextOf(ThingsController, 'get'))).toEqual({
      name: 'ThingsController.get',
      setting: 'RATE_LIMIT_DEFAULT',
      perMinute: 11,
    });
    expect(limits.of(contextOf(NamedController, 'one'))).toMatchObject({
      name: 'contactsGet',
      perMinute: 13,
    });
  });

  it('reads a route’s metadata once, however many requests it serves', () => {
    const reflector = new Reflector();
    const read = jest.spyOn(reflector, 'getAllAndOverride');
    const limits = new RouteLimits(reflector, config);
    for (let i = 0; i < 5; i++) limits.of(contextOf(ThingsController, 'list'));
    expect(read).toHaveBeenCalledTimes(1);
  });
});

describe('documentRateLimits', () => {
  it('writes the configured figure into every authenticated operation, and none into public ones', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/things': {
          get: {
            description: 'Newest first.',
            security: [{ ApiKey: [] }],
            'x-rate-limit': 'contactsList',
            responses: {},
          },
        },
        '/things/{id}': { get: { security: [{ ApiKey: [] }], responses: {} } },
        '/health': { get: { responses: {} } },
      },
    } as unknown as OpenAPIObject;
    const paths = documentRateLimits(document, config).paths;
    expect(paths['/things'].get?.description).toBe(
      'Newest first. Rate limit: 7 requests per minute per API key (setting `RATE_LIMIT_CONTACTS_LIST`).',
    );
    expect(paths['/things/{id}'].get?.description).toBe(
      'Rate limit: 11 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).',
    );
    expect(paths['/health'].get?.description).toBeUndefined();
  });
});
