import type { OpenAPIObject } from '@nestjs/swagger';
import { finishOpenApiDocument } from './app.openapi';
import { validateEnvironment } from './config/environment.variables';

const empty = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {},
  servers: [],
});

describe('finishOpenApiDocument', () => {
  it('names the server people reach: PUBLIC_URL (without its trailing slash), else http://localhost:<PORT>', () => {
    const servers = (settings: Record<string, string>) =>
      finishOpenApiDocument(validateEnvironment(settings))(empty()).servers?.map((s) => s.url);
    expect(servers({})).toEqual(['http://localhost:3000']);
    expect(servers({ PORT: '8080' })).toEqual(['http://localhost:8080']);
    expect(servers({ PUBLIC_URL: 'https://contacts.example.com/', PORT: '8080' })).toEqual([
      'https://contacts.example.com',
    ]);
    expect(servers({ PUBLIC_URL: 'https://example.com/contacts' })).toEqual([
      'https://example.com/contacts',
    ]);
  });
});
