// exceljs's streaming workbook reader by its path (src/server/chorus/read-xlsx.ts loads it alone): the same
// class as the package's stream.xlsx.WorkbookReader, which its own typings describe.
declare module "exceljs/lib/stream/xlsx/workbook-reader.js" {
  import type ExcelJS from "exceljs";
  const WorkbookReader: typeof ExcelJS.stream.xlsx.WorkbookReader;
  export default WorkbookReader;
}
