using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChildReferenceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Children_PoliceReference",
                table: "Children",
                column: "PoliceReference");

            migrationBuilder.CreateIndex(
                name: "IX_Children_UniquePupilNumber",
                table: "Children",
                column: "UniquePupilNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Children_PoliceReference",
                table: "Children");

            migrationBuilder.DropIndex(
                name: "IX_Children_UniquePupilNumber",
                table: "Children");
        }
    }
}
