import { ApiProperty } from '@nestjs/swagger';
import type { MergeReport } from '../contact-merge';
import { ContactResponse, toContactResponse } from './contact.response';

export class MergeFieldResponse {
  @ApiProperty({ example: 'company' })
  field: string;
  @ApiProperty({
    enum: ['kept', 'filled', 'united', 'moved_to_additional'],
    description:
      "`kept`: the target's value stays; `filled`: the target had none and takes a source's (newest source first); " +
      "`united`: tags of all joined; `moved_to_additional`: the sources' phones or emails join the target's additional ones",
  })
  outcome: MergeReport['fields'][number]['outcome'];
  @ApiProperty({
    required: false,
    example: '6634e2b1a7c3f500231a8b02',
    description: 'For `filled`: the source the value came from',
  })
  from?: string;
}

export class MergeMovedResponse {
  @ApiProperty({ example: 2, description: "The sources' conversations, now the target's" })
  conversations: number;
  @ApiProperty({ example: 317, description: "The sources' messages, now the target's" })
  messages: number;
}

export class MergeReportResponse {
  @ApiProperty({
    example: false,
    description: 'true: nothing was changed; this is what the merge would do',
  })
  dryRun: boolean;
  @ApiProperty({
    type: ContactResponse,
    description: 'The target after the merge (or as it would be)',
  })
  contact: ContactResponse;
  @ApiProperty({
    type: [MergeFieldResponse],
    description: 'What the merge does to each field of the target',
  })
  fields: MergeFieldResponse[];
  @ApiProperty({
    type: MergeMovedResponse,
    description: 'What moves (or would move) from the sources to the target',
  })
  moved: MergeMovedResponse;
  @ApiProperty({
    type: [String],
    example: ['6634e2b1a7c3f500231a8b02'],
    description: 'The sources, now merged (answering 410)',
  })
  sourceIds: string[];
}

export function toMergeReportResponse(report: MergeReport): MergeReportResponse {
  return {
    dryRun: report.dryRun,
    contact: toContactResponse(report.contact),
    fields: report.fields,
    moved: { conversations: report.moved.conversations ?? 0, messages: report.moved.messages ?? 0 },
    sourceIds: report.sourceIds,
  };
}
