import ExcelJS from "exceljs";
import type { Cell } from "./document";

/**
 * XLSX bytes of tables, one sheet each: a bold frozen header row, numbers stored as numbers (so
 * they sum and chart), text as text. The progress template keeps its own richer sheet.
 */
export type SheetTable = {
  name: string;
  columns: { header: string; numeric?: boolean; width?: number }[];
  rows: Cell[][];
};

/** Excel's limit on a sheet's name, and the characters it refuses there. */
const sheetName = (name: string) => name.replace(/[[\]*?/\\:]/g, " ").slice(0, 31);

export async function xlsxBytes(sheets: SheetTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "FocalPoint";
  for (const table of sheets) {
    const sheet = workbook.addWorksheet(sheetName(table.name), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width ?? (c.numeric ? 14 : 28) }));
    for (const row of table.rows)
      sheet.addRow(row.map((value, i) => (value === null ? null : table.columns[i]?.numeric ? Number(value) : value)));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "top" };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
