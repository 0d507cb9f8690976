package schemas

import "github.com/apache/arrow-go/v18/arrow"

// ArrowType is the Arrow type that carries values of t into DuckDB.
func (t Type) ArrowType() arrow.DataType {
	switch t {
	case Count:
		return arrow.PrimitiveTypes.Int64
	case Number, Money:
		return arrow.PrimitiveTypes.Float64
	case Date, Month:
		return arrow.FixedWidthTypes.Date32
	case Bool:
		return arrow.FixedWidthTypes.Boolean
	case ReportingYear:
		return arrow.PrimitiveTypes.Int32
	default:
		return arrow.BinaryTypes.String
	}
}

// ArrowSchema is the Arrow schema of the stored columns cols.
func ArrowSchema(cols []Column) *arrow.Schema {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c.Name, Type: c.Type.ArrowType(), Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}
